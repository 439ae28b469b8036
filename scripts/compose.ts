// npm run compose [-- <composition>...]
// Builds the composed components (scripts/lib/project.ts, COMPOSITIONS):
// wac plugs book-api's catalog export into the import of each frontend-wit,
// TypeScript and Python, following its file in compose/, and checks each
// result. The crossings benchmark's pairs are composed only when named.
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { compositionProblems, requireBuilt } from './lib/composition.js';
import { PAIRS } from './lib/crossings/guests.js';
import { fingerprint, isFresh, record } from './lib/fingerprint.js';
import { COMPOSITIONS, type Composition, ROOT, wasmPath } from './lib/project.js';
import { main, UserError } from './lib/cli.js';
import { mebibytes, seconds } from './lib/format.js';
import { run } from './lib/run.js';
import { ensureTool, WAC } from './lib/tools.js';
import { builtInterfaces } from './lib/wit.js';

const shown = (path: string): string => relative(ROOT, path);

async function compose(composition: Composition): Promise<void> {
  const started = performance.now();
  const parts = Object.entries(composition.deps).map(([pkg, guest]) => ({ pkg, guest, wasm: wasmPath(guest) }));
  const output = wasmPath(composition.name);
  requireBuilt(parts);
  const print = await fingerprint([shown(composition.wac), ...parts.map((part) => shown(part.wasm))], WAC);
  if (await isFresh(composition.name, print, [output])) {
    console.log(`Component ${composition.name} is up to date`);
    return;
  }
  const wac = await ensureTool(WAC);
  console.log(`Composing ${parts.map((part) => part.guest).join(' + ')} with ${shown(composition.wac)}`);
  const wacStarted = performance.now();
  await run(wac, ['compose', composition.wac, ...parts.flatMap((part) => ['--dep', `${part.pkg}=${part.wasm}`]), '-o', output]);
  const wacTime = seconds(wacStarted);

  const composed = await builtInterfaces(output);
  const problems = compositionProblems(composed, await Promise.all(parts.map((part) => builtInterfaces(part.wasm))));
  if (problems.length > 0) {
    throw new UserError(`${shown(output)} is not the composition bookserver needs:\n  - ${problems.join('\n  - ')}`);
  }
  await record(composition.name, print);
  const { size } = await stat(output);
  console.log(`Composed ${shown(output)} (${mebibytes(size)}) in ${seconds(started)} (wac ${wacTime})`);
  console.log(`  imports: ${composed.imports.join(', ')}`);
}

const COMPOSABLE: readonly Composition[] = [...COMPOSITIONS, ...PAIRS.map((pair) => pair.composition)];

function selectCompositions(names: string[]): readonly Composition[] {
  if (names.length === 0) return COMPOSITIONS;
  return names.map((name) => {
    const composition = COMPOSABLE.find((c) => c.name === name);
    if (!composition)
      throw new UserError(`unknown composition "${name}"; the compositions are ${COMPOSABLE.map((c) => c.name).join(', ')}`);
    return composition;
  });
}

main(async () => {
  for (const composition of selectCompositions(process.argv.slice(2))) await compose(composition);
});
