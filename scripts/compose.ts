// npm run compose
// Builds the `wit` wiring's component: wac plugs book-api's catalog export
// into frontend-wit's import, following compose/bookserver.wac, and checks
// the result.
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { compositionProblems, requireBuilt } from './lib/composition.js';
import { fingerprint, isFresh, record } from './lib/fingerprint.js';
import { COMPOSED, ROOT, wasmPath } from './lib/project.js';
import { main, UserError } from './lib/cli.js';
import { mebibytes, seconds } from './lib/format.js';
import { run } from './lib/run.js';
import { ensureTool, WAC } from './lib/tools.js';
import { builtInterfaces } from './lib/wit.js';

const parts = Object.entries(COMPOSED.deps).map(([pkg, guest]) => ({ pkg, guest, wasm: wasmPath(guest) }));
const output = wasmPath(COMPOSED.name);
const shown = (path: string): string => relative(ROOT, path);

main(async () => {
  const started = performance.now();
  requireBuilt(parts);
  const print = await fingerprint([shown(COMPOSED.wac), ...parts.map((part) => shown(part.wasm))], WAC);
  if (await isFresh(COMPOSED.name, print, [output])) {
    console.log(`Component ${COMPOSED.name} is up to date`);
    return;
  }
  const wac = await ensureTool(WAC);
  console.log(`Composing ${parts.map((part) => part.guest).join(' + ')} with ${shown(COMPOSED.wac)}`);
  const wacStarted = performance.now();
  await run(wac, ['compose', COMPOSED.wac, ...parts.flatMap((part) => ['--dep', `${part.pkg}=${part.wasm}`]), '-o', output]);
  const wacTime = seconds(wacStarted);

  const composed = await builtInterfaces(output);
  const problems = compositionProblems(composed, await Promise.all(parts.map((part) => builtInterfaces(part.wasm))));
  if (problems.length > 0) {
    throw new UserError(`${shown(output)} is not the composition bookserver needs:\n  - ${problems.join('\n  - ')}`);
  }
  await record(COMPOSED.name, print);
  const { size } = await stat(output);
  console.log(`Composed ${shown(output)} (${mebibytes(size)}) in ${seconds(started)} (wac ${wacTime})`);
  console.log(`  imports: ${composed.imports.join(', ')}`);
});
