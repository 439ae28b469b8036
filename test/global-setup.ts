// The tests exercise the real components, so they start by building them the
// way a user does: npm run build, then npm run compose. Both skip what is
// up to date. The runtime's tests need the probe components as well.
import { FIXTURES } from '../scripts/lib/project.js';
import { npmBin, run } from '../scripts/lib/run.js';

export default async function setup(): Promise<void> {
  await run(npmBin('tsx'), ['scripts/build.ts'], { inherit: true });
  await run(npmBin('tsx'), ['scripts/build.ts', ...FIXTURES.map((fixture) => fixture.name)], { inherit: true });
  await run(npmBin('tsx'), ['scripts/compose.ts'], { inherit: true });
}
