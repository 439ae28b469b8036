// npm start: build and compose whatever is stale, then serve the default
// wiring (chain, spin.toml) on http://127.0.0.1:3000. Writes need a token
// (the Spin variable api_token, which the manifest requires): the one in
// SPIN_VARIABLE_API_TOKEN, or one made for this run and printed, so that
// the app starts on a fresh clone and nobody's token is a default.
import { randomBytes } from 'node:crypto';
import { main } from './lib/cli.js';
import { buildAndCompose } from './lib/run.js';
import { up } from './lib/up.js';

main(async () => {
  await buildAndCompose();
  if (!process.env.SPIN_VARIABLE_API_TOKEN) {
    process.env.SPIN_VARIABLE_API_TOKEN = randomBytes(18).toString('base64url');
    console.log(
      `Writes need "Authorization: Bearer ${process.env.SPIN_VARIABLE_API_TOKEN}": a token made for this run (set SPIN_VARIABLE_API_TOKEN to choose one).\n`,
    );
  }
  await up(process.argv.slice(2));
});
