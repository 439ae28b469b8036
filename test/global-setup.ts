// The tests exercise the real components, so they start by building them the
// way a user does: npm run build, then npm run compose. Both skip what is
// up to date. The runtime's tests need the probe components as well, the
// crossings tests their guests and pairs, and the start-up cases the broken
// sources they refuse.
import { FORMS_PAIRS, PAIRS } from '../scripts/lib/crossings/guests.js';
import { FIXTURES } from '../scripts/lib/project.js';
import { buildAndCompose } from '../scripts/lib/run.js';
import { writeBrokenSources } from './support/broken-sources.js';

export default async function setup(): Promise<void> {
  // The crossings' pairs, WASI 0.2's and 0.3's, each built from its parts; the ahead-of-time exporter's need weval.
  const pairs = [...PAIRS.filter((pair) => !pair.exporter.aot), ...FORMS_PAIRS].map((pair) => pair.composition.name);
  await buildAndCompose([...FIXTURES.map((fixture) => fixture.name), ...pairs]);
  await writeBrokenSources();
}
