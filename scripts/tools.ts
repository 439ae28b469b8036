// npm run tools
// Finds or installs the native tools the project needs (wac), so that a
// fresh machine can get them before anything else runs.
import { main } from './lib/cli.js';
import { ensureTool, WAC } from './lib/tools.js';

main(async () => {
  console.log(`wac: ${await ensureTool(WAC)}`);
});
