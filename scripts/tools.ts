// npm run tools [-- --aot] [--node]
// Finds or installs the tools the project needs that npm cannot provide (wac,
// componentize-qjs 0.5.0, which the default build needs for frontend-http-p3,
// and the Python toolchain), so that a fresh machine can get them before
// anything else runs; with --aot, weval too, for the ahead-of-time engine
// (minutes of cargo install, which CI does not need); with --node, the
// Node.js releases CI tests on, one per supported line (scripts/lib/node.ts).
import { main, parseCommandLine } from './lib/cli.js';
import { ensurePythonTools, PYTHON_PACKAGES } from './lib/python.js';
import { ensureNode, NODE_LINES } from './lib/node.js';
import { COMPONENTIZE_QJS, ensureTool, WAC, WEVAL } from './lib/tools.js';

main(async () => {
  const { values } = parseCommandLine(
    { options: { aot: { type: 'boolean', default: false }, node: { type: 'boolean', default: false } } },
    'usage: npm run tools -- [--aot] [--node]',
  );
  console.log(`wac: ${await ensureTool(WAC)}`);
  console.log(`componentize-qjs: ${await ensureTool(COMPONENTIZE_QJS)}`);
  console.log(`${PYTHON_PACKAGES.join(', ')}: ${await ensurePythonTools()}`);
  if (values.aot) console.log(`weval: ${await ensureTool(WEVAL)}`);
  if (values.node) for (const line of Object.values(NODE_LINES)) console.log(`node ${line.version}: ${await ensureNode(line)}`);
});
