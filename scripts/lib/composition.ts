// One composition made as `npm run compose` makes it: its parts built, wac
// run on its file, the result checked; skipped when nothing changed.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { unversioned, type WorldInterfaces } from '../../runtime/index.js';
import { UserError } from './cli.js';
import { fingerprint, isFresh, record } from './fingerprint.js';
import { fileSize, seconds } from './format.js';
import { type Composition, ROOT, wasmPath } from './project.js';
import { run } from './run.js';
import { ensureTool, WAC } from './tools.js';
import { builtInterfaces } from './wit.js';

export interface Part {
  /** The guest, as `npm run build` names it. */
  guest: string;
  wasm: string;
}

/** Every part must have been built; the error names the file and the command that builds it. */
export function requireBuilt(parts: Part[]): void {
  const missing = parts.filter((part) => !existsSync(part.wasm));
  if (missing.length > 0) {
    throw new UserError(
      missing
        .map((part) => `${relative(ROOT, part.wasm)} is missing; build it with "npm run build -- ${part.guest}" (or "npm run build")`)
        .join('\n'),
    );
  }
}

/** What a component exports to serve HTTP: WASI 0.2's handler or WASI 0.3's. */
const HTTP_HANDLERS = ['wasi:http/incoming-handler', 'wasi:http/handler'];

/**
 * The composition must serve HTTP, must have satisfied inside itself every
 * import that one of its parts exports (the catalog, the crossings' shapes),
 * and may import nothing that none of its parts imports.
 */
export function compositionProblems(composed: WorldInterfaces, parts: WorldInterfaces[]): string[] {
  const allowed = new Set(parts.flatMap((part) => part.imports.map(unversioned)));
  const provided = new Set(parts.flatMap((part) => part.exports.map(unversioned)));
  return [
    ...(composed.exports.some((name) => HTTP_HANDLERS.includes(unversioned(name)))
      ? []
      : [`it exports neither ${HTTP_HANDLERS.join(' nor ')}`]),
    ...composed.imports.filter((name) => provided.has(unversioned(name))).map((name) => `it still imports ${name}`),
    ...composed.imports
      .filter((name) => !allowed.has(unversioned(name)))
      .map((name) => `it imports ${name}, which none of its parts imports`),
  ];
}

const shown = (path: string): string => relative(ROOT, path);

export async function compose(composition: Composition): Promise<void> {
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
  console.log(`Composed ${shown(output)} (${fileSize(size)}) in ${seconds(started)} (wac ${wacTime})`);
  console.log(`  imports: ${composed.imports.join(', ')}`);
}
