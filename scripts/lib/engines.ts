// The app on each engine book-api and frontend-wit are built on, and on each
// WASI version: the default engine's WASI 0.2 files are the ones the
// manifests name; another build's manifest is the same file with those two,
// and the compositions they are in, taken from that build, written under
// build/engines/<build>/ for either runtime to serve.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UserError } from './cli.js';
import { BUILD_DIR, DEFAULT_ENGINE, ENGINES, type Engine, manifestOf, type Wiring, WIRING_NAMES, wasmPath } from './project.js';

/** The files of the app an engine carries, named for the default engine. */
const CARRIERS = ['book-api', 'frontend-wit', 'bookserver-wit', 'bookserver-wit-py'];

/** The engines whose book-api, and every composition it is in, is built: the ahead-of-time one only once asked for. */
export const builtEngines = (): Engine[] =>
  ENGINES.filter((engine) => CARRIERS.every((name) => existsSync(wasmPath(`${name}${engine.suffix}`))));

export type WasiVersion = '0.2' | '0.3';

/**
 * The files with a WASI 0.3 build (`-p3`), named for WASI 0.2: book-api and
 * frontend-wit on QuickJS, the Python frontends, and the compositions they
 * are in. On WASI 0.3 a wiring's other files stay WASI 0.2: the
 * StarlingMonkey frontend of network and chain calls a WASI 0.3 book-api.
 */
const WASI_03_CARRIERS = ['book-api', 'frontend-wit', 'bookserver-wit', 'frontend-py-http', 'bookserver-wit-py'];
const WASI_03_SUFFIX = '-p3';

/** Whether the WASI 0.3 builds are there, every one. */
export const builtOnWasi03 = (): boolean => WASI_03_CARRIERS.every((name) => existsSync(wasmPath(`${name}${WASI_03_SUFFIX}`)));

/** A file of the app as `build` has it: on WASI 0.3, its WASI 0.3 build unless `onWasi02` keeps it. */
function buildOf(name: string, engine: Engine, wasi: WasiVersion, onWasi02: readonly string[]): string {
  if (wasi === '0.2') return CARRIERS.includes(name) ? `${name}${engine.suffix}` : name;
  return WASI_03_CARRIERS.includes(name) && !onWasi02.includes(name) ? `${name}${WASI_03_SUFFIX}` : name;
}

/**
 * The manifest that serves `wiring` with book-api on `engine` and `wasi`
 * (WASI 0.3 on QuickJS only), the files of `onWasi02` left on WASI 0.2.
 */
export async function manifestFor(
  wiring: Wiring,
  engine: Engine = DEFAULT_ENGINE,
  wasi: WasiVersion = '0.2',
  onWasi02: readonly string[] = [],
): Promise<string> {
  const manifest = manifestOf(wiring);
  if (engine === DEFAULT_ENGINE && wasi === '0.2') return manifest;
  if (wasi === '0.3' && engine !== DEFAULT_ENGINE)
    throw new UserError(`WASI 0.3 is built on ${DEFAULT_ENGINE.name} only, not ${engine.name}`);
  const unknown = onWasi02.filter((name) => !WASI_03_CARRIERS.includes(name));
  if (unknown.length > 0) throw new UserError(`${unknown.join(', ')} has no WASI 0.3 build to keep on WASI 0.2 instead`);
  const source = await readFile(manifest, 'utf8');
  const rewritten = source.replace(/"build\/([a-z0-9-]+)\.wasm"/g, (_whole, name: string) =>
    JSON.stringify(wasmPath(buildOf(name, engine, wasi, onWasi02))),
  );
  const kept = onWasi02.map((name) => `-${name}-wasi-0.2`).join('');
  const build = wasi === '0.2' ? engine.name : `${engine.name}-wasi-0.3${kept}`;
  const describes =
    wasi === '0.2'
      ? engine.describes
      : `QuickJS on WASI 0.3 (componentize-qjs's async runtime), wasi:http@0.3.0 its HTTP face${onWasi02.length > 0 ? `, ${onWasi02.join(', ')} on WASI 0.2` : ''}`;
  const file = join(BUILD_DIR, 'engines', build, basename(manifest));
  await mkdir(join(BUILD_DIR, 'engines', build), { recursive: true });
  await writeFile(file, `# ${basename(manifest)} with book-api on ${describes}; written by scripts/lib/engines.ts.\n${rewritten}`);
  return file;
}

/** One build of the app: book-api and frontend-wit on an engine and a WASI version, and the wirings it makes whole. */
export interface AppBuild {
  name: string;
  engine: Engine;
  wasi: WasiVersion;
  wirings: readonly Wiring[];
  /** On WASI 0.3, the files kept on WASI 0.2: a WASI 0.2 guest calling WASI 0.3 ones. */
  onWasi02: readonly string[];
}

/**
 * Every build there is: each engine built, on WASI 0.2; QuickJS on WASI 0.3
 * too, once built, every wiring with its WASI 0.3 files; and chain-py with
 * its Python frontend on WASI 0.2, chaining to the WASI 0.3 book-api.
 */
export const builtApps = (): AppBuild[] => [
  ...builtEngines().map((engine) => ({ name: engine.name, engine, wasi: '0.2' as const, wirings: WIRING_NAMES, onWasi02: [] })),
  ...(builtOnWasi03()
    ? [
        { name: `${DEFAULT_ENGINE.name} on WASI 0.3`, engine: DEFAULT_ENGINE, wasi: '0.3' as const, wirings: WIRING_NAMES, onWasi02: [] },
        {
          name: `${DEFAULT_ENGINE.name} on WASI 0.3, frontend-py-http on WASI 0.2`,
          engine: DEFAULT_ENGINE,
          wasi: '0.3' as const,
          wirings: ['chain-py' as const],
          onWasi02: ['frontend-py-http'],
        },
      ]
    : []),
];
