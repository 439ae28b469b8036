// npm run tools
// Finds or installs the tools the project needs that npm cannot provide (wac,
// and the Python toolchain), so that a fresh machine can get them before
// anything else runs.
import { main } from './lib/cli.js';
import { ensurePythonTools, PYTHON_PACKAGES } from './lib/python.js';
import { ensureTool, WAC } from './lib/tools.js';

main(async () => {
  console.log(`wac: ${await ensureTool(WAC)}`);
  console.log(`${PYTHON_PACKAGES.join(', ')}: ${await ensurePythonTools()}`);
});
