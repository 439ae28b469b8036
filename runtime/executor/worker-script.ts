// The worker threads' code as one plain JavaScript file, bundled with
// esbuild when the pool starts: a worker then loads no TypeScript loader,
// which saves memory and a few hundred milliseconds per worker started.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export interface WorkerScript {
  url: URL;
  remove(): Promise<void>;
}

export async function bundleWorker(): Promise<WorkerScript> {
  const dir = await mkdtemp(join(tmpdir(), 'bookserver-worker-'));
  const outfile = join(dir, 'worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return { url: pathToFileURL(outfile), remove: () => rm(dir, { recursive: true, force: true }) };
}
