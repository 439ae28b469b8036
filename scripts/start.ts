// npm start: build and compose whatever is stale, then serve the default
// wiring (chain, spin.toml) on http://127.0.0.1:3000.
import { main } from './lib/cli.js';
import { buildAndCompose } from './lib/run.js';
import { up } from './lib/up.js';

main(async () => {
  await buildAndCompose();
  await up(process.argv.slice(2));
});
