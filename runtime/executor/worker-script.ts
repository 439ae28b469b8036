// The worker threads' code as one plain JavaScript file, bundled with
// esbuild: a worker then loads no TypeScript loader, which saves memory and
// a few hundred milliseconds per worker started. The bundle is cached by the
// content of the runtime's sources, so that a start with nothing changed
// loads no bundler either.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheDir, cacheKey } from '../cache.js';

const RUNTIME_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Every TypeScript and JavaScript file of the runtime, generated bindings included, in a stable order. */
async function runtimeSources(): Promise<string[]> {
  const entries = await readdir(RUNTIME_DIR, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The URL of the bundled worker script, made now or found in the cache. */
export async function workerScript(): Promise<URL> {
  const files = await runtimeSources();
  const contents = await Promise.all(files.map(async (file) => [file, await readFile(file)] as const));
  const key = cacheKey(process.version, ...contents.flat());
  const outfile = join(cacheDir('worker'), `${key}.mjs`);
  if (!existsSync(outfile)) {
    const { build } = await import('esbuild');
    await mkdir(cacheDir('worker'), { recursive: true });
    const scratch = `${outfile}.${process.pid}.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
      outfile: scratch,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    await rename(scratch, outfile);
  }
  return pathToFileURL(outfile);
}
