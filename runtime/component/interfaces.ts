// What a component imports and exports, as interface names with their
// versions (`wasi:http/types@0.2.10`), read from the component itself. The
// reader (jco's wasm-tools) is loaded only when a component is read, and a
// file's interfaces are cached by its content, so that a cached start loads
// no tool at all.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir, cacheKey } from '../cache.js';

export interface WorldInterfaces {
  imports: string[];
  exports: string[];
}

export async function componentInterfaces(bytes: Uint8Array): Promise<WorldInterfaces> {
  const { componentWit } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  const wit = await componentWit(bytes);
  const names = (kind: 'import' | 'export'): string[] =>
    [...wit.matchAll(new RegExp(`^\\s*${kind} ([^\\s;]+);`, 'gm'))].map((match) => match[1]).sort();
  return { imports: names('import'), exports: names('export') };
}

/** A file's interfaces, and the digest of its content, for caches of what is made from it. */
export interface FileInterfaces extends WorldInterfaces {
  digest: string;
}

/** The interfaces of the component in `wasmFile`, read now or found in the cache. */
export async function fileInterfaces(wasmFile: string): Promise<FileInterfaces> {
  const bytes = await readFile(wasmFile);
  const digest = cacheKey(bytes);
  const file = join(cacheDir('interfaces'), `${digest}.json`);
  if (existsSync(file)) return { ...(JSON.parse(await readFile(file, 'utf8')) as WorldInterfaces), digest };
  const interfaces = await componentInterfaces(bytes);
  await mkdir(cacheDir('interfaces'), { recursive: true });
  const scratch = `${file}.${process.pid}`;
  await writeFile(scratch, JSON.stringify(interfaces));
  await rename(scratch, file);
  return { ...interfaces, digest };
}
