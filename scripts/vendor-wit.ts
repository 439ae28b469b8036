// npm run wit:vendor
// Refreshes wit/deps and the template's from the StarlingMonkey engine that componentize-js
// ships: the engine embeds the WIT it was built against, so the vendored
// WASI packages are exactly the version it targets. The WASI 0.3 packages
// come from the WIT jco ships. Run it after upgrading jco or
// componentize-js; the contract tests say when it is needed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { customSection } from '../runtime/index.js';
import { toolchain } from './lib/jco.js';
import { JCO_WASI_03_WIT, ROOT, STARLINGMONKEY, VENDORED_WASI, VENDORED_WASI_03, VENDORED_WIT_DEPS } from './lib/project.js';
import { main, UserError } from './lib/cli.js';
import { run } from './lib/run.js';
import { ensureTool, WASM_TOOLS } from './lib/tools.js';

main(async () => {
  const engine = await readFile(STARLINGMONKEY);
  const encodedWit = customSection(engine, 'component-type');
  if (!encodedWit) throw new UserError(`${STARLINGMONKEY} carries no component-type section to read its WIT from`);

  const wasmTools = await ensureTool(WASM_TOOLS);
  const scratch = await mkdtemp(join(tmpdir(), 'bookserver-wit-'));
  try {
    await writeFile(join(scratch, 'engine-wit.wasm'), encodedWit);
    await run(wasmTools, ['component', 'wit', join(scratch, 'engine-wit.wasm'), '--out-dir', join(scratch, 'wit')]);
    const { componentizeJs } = toolchain();
    for (const pkg of VENDORED_WASI) {
      const wit = await readFile(join(scratch, 'wit', 'deps', `${pkg}.wit`), 'utf8');
      const origin = `// Vendored by \`npm run wit:vendor\` from the StarlingMonkey engine of componentize-js ${componentizeJs}.\n`;
      for (const deps of VENDORED_WIT_DEPS) {
        await writeFile(join(deps, `${pkg}.wit`), origin + wit);
        console.log(`Vendored ${wit.match(/^package ([^;]+);/m)?.[1]} into ${relative(ROOT, join(deps, `${pkg}.wit`))}`);
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const { jco } = toolchain();
  for (const pkg of VENDORED_WASI_03) {
    const wit = await readFile(join(JCO_WASI_03_WIT, `wasi-${pkg}`, 'package.wit'), 'utf8');
    for (const deps of VENDORED_WIT_DEPS) {
      const file = join(deps, `${pkg}-0.3.wit`);
      await writeFile(file, `// Vendored by \`npm run wit:vendor\` from jco ${jco}'s WASI 0.3.0 (what Spin 4.1 serves).\n${wit}`);
      console.log(`Vendored ${wit.match(/^package ([^;]+);/m)?.[1]} into ${relative(ROOT, file)}`);
    }
  }
});
