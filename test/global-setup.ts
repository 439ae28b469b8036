// The tests exercise the real components, so they start by building them the
// way a user does: npm run build, then npm run compose. Both skip what is
// up to date. The runtime's tests need the probe components as well, and the
// broken sources the start-up cases refuse.
import { FIXTURES } from '../scripts/lib/project.js';
import { buildAndCompose } from '../scripts/lib/run.js';
import { writeBrokenSources } from './support/broken-sources.js';

export default async function setup(): Promise<void> {
  await buildAndCompose(FIXTURES.map((fixture) => fixture.name));
  await writeBrokenSources();
}
