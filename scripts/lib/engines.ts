// The app on each engine book-api and frontend-wit are built on: the default
// engine's files are the ones the manifests name; another engine's manifest
// is the same file with those two, and the compositions they are in, taken
// from that engine's build, written under build/engines/<engine>/ for either
// runtime to serve.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BUILD_DIR, DEFAULT_ENGINE, ENGINES, type Engine, manifestOf, type Wiring, wasmPath } from './project.js';

/** The files of the app an engine carries, named for the default engine. */
const CARRIERS = ['book-api', 'frontend-wit', 'bookserver-wit', 'bookserver-wit-py'];

/** The engines whose book-api, and every composition it is in, is built: the ahead-of-time one only once asked for. */
export const builtEngines = (): Engine[] =>
  ENGINES.filter((engine) => CARRIERS.every((name) => existsSync(wasmPath(`${name}${engine.suffix}`))));

/** The manifest that serves `wiring` with book-api on `engine`. */
export async function manifestFor(wiring: Wiring, engine: Engine = DEFAULT_ENGINE): Promise<string> {
  const manifest = manifestOf(wiring);
  if (engine === DEFAULT_ENGINE) return manifest;
  const source = await readFile(manifest, 'utf8');
  const rewritten = source.replace(/"build\/([a-z0-9-]+)\.wasm"/g, (_whole, name: string) =>
    JSON.stringify(wasmPath(CARRIERS.includes(name) ? `${name}${engine.suffix}` : name)),
  );
  const file = join(BUILD_DIR, 'engines', engine.name, basename(manifest));
  await mkdir(join(BUILD_DIR, 'engines', engine.name), { recursive: true });
  await writeFile(file, `# ${basename(manifest)} with book-api on ${engine.describes}; written by scripts/lib/engines.ts.\n${rewritten}`);
  return file;
}
