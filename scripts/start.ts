// npm start: build and compose whatever is stale, then serve the default
// wiring (chain, spin.toml) on http://127.0.0.1:3000.
import { main, npmBin, run } from './lib/run.js';
import { up } from './lib/up.js';

main(async () => {
  await run(npmBin('tsx'), ['scripts/build.ts'], { inherit: true });
  await run(npmBin('tsx'), ['scripts/compose.ts'], { inherit: true });
  await up(process.argv.slice(2));
});
