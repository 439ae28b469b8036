// "An unchanged component is not rebuilt": a step is skipped when the hash of
// its inputs matches the one recorded when it last succeeded and its outputs
// are still there.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BUILD_DIR, ROOT } from './project.js';

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => filesUnder(join(path, entry.name))));
  return nested.flat();
}

/** One hash over the contents of every file under `inputs` (paths from the project root) and `extra`. */
export async function fingerprint(inputs: string[], extra: unknown): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(extra));
  const files = (await Promise.all(inputs.map((input) => filesUnder(join(ROOT, input))))).flat().sort();
  for (const file of files) hash.update(relative(ROOT, file)).update(await readFile(file));
  return hash.digest('hex');
}

const recordPath = (step: string): string => join(BUILD_DIR, '.fingerprints', `${step}.sha256`);

export async function isFresh(step: string, print: string, outputs: string[]): Promise<boolean> {
  if (!outputs.every((output) => existsSync(output))) return false;
  const recorded = await readFile(recordPath(step), 'utf8').catch(() => '');
  return recorded === print;
}

export async function record(step: string, print: string): Promise<void> {
  await mkdir(join(BUILD_DIR, '.fingerprints'), { recursive: true });
  await writeFile(recordPath(step), print);
}
