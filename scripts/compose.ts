// npm run compose
// Builds the `wit` wiring's component: wac plugs book-api's catalog export
// into frontend-wit's import, following compose/bookserver.wac. The result
// is checked before it is transpiled for the local runtime.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { fingerprint, isFresh, record } from './lib/fingerprint.js';
import { transpile } from './lib/jco.js';
import { COMPOSED, ROOT, transpiledDir, wasmPath } from './lib/project.js';
import { main, mebibytes, run, seconds, UserError } from './lib/run.js';
import { ensureTool, WAC } from './lib/tools.js';
import { componentInterfaces, unversioned } from './lib/wit.js';

const CATALOG = 'bookserver:books/catalog';
const INCOMING_HANDLER = 'wasi:http/incoming-handler';

const inputs = Object.entries(COMPOSED.deps).map(([pkg, guest]) => ({ pkg, guest, wasm: wasmPath(guest) }));
const output = wasmPath(COMPOSED.name);
const shown = (path: string): string => relative(ROOT, path);

/** The composition must serve HTTP, must have used up the catalog import, and may need nothing its parts did not. */
async function check(): Promise<string[]> {
  const composed = await componentInterfaces(output);
  const allowed = new Set<string>();
  for (const input of inputs) (await componentInterfaces(input.wasm)).imports.forEach((name) => allowed.add(unversioned(name)));
  const problems = [
    ...(composed.exports.some((name) => unversioned(name) === INCOMING_HANDLER) ? [] : [`it does not export ${INCOMING_HANDLER}`]),
    ...composed.imports.filter((name) => unversioned(name) === CATALOG).map((name) => `it still imports ${name}`),
    ...composed.imports
      .filter((name) => !allowed.has(unversioned(name)))
      .map((name) => `it imports ${name}, which neither ${inputs.map((i) => i.guest).join(' nor ')} imports`),
  ];
  if (problems.length > 0) {
    throw new UserError(`${shown(output)} is not the composition bookserver needs:\n  - ${problems.join('\n  - ')}`);
  }
  return composed.imports;
}

main(async () => {
  const started = performance.now();
  for (const input of inputs) {
    if (!existsSync(input.wasm)) {
      throw new UserError(`${shown(input.wasm)} is missing; build it with "npm run build -- ${input.guest}" (or "npm run build")`);
    }
  }
  const print = await fingerprint([relative(ROOT, COMPOSED.wac), ...inputs.map((i) => shown(i.wasm))], WAC);
  if (await isFresh(COMPOSED.name, print, [output, transpiledDir(COMPOSED.name)])) {
    console.log(`Component ${COMPOSED.name} is up to date`);
    return;
  }
  const wac = await ensureTool(WAC);
  console.log(`Composing ${inputs.map((i) => i.guest).join(' + ')} with ${shown(COMPOSED.wac)}`);
  const wacStarted = performance.now();
  await run(wac, ['compose', COMPOSED.wac, ...inputs.flatMap((i) => ['--dep', `${i.pkg}=${i.wasm}`]), '-o', output]);
  const wacTime = seconds(wacStarted);
  const imports = await check();
  await transpile(COMPOSED.name);
  await record(COMPOSED.name, print);
  const { size } = await stat(output);
  console.log(`Composed ${shown(output)} (${mebibytes(size)}) in ${seconds(started)} (wac ${wacTime})`);
  console.log(`  imports: ${imports.join(', ')}`);
});
