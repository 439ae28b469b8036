// The app on each engine book-api and frontend-wit are built on, and on each
// WASI version, frontend-http's apart: the default engine's WASI 0.2 files
// are the ones the manifests name; another build's manifest is the same file
// with those files, and the compositions they are in, taken from that build,
// written under build/engines/<build>/ for either runtime to serve.
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
 * The files with a WASI 0.3 build (QuickJS, `-p3`), named for WASI 0.2. On
 * WASI 0.3 the Python frontend of chain-py stays WASI 0.2, calling a WASI 0.3
 * book-api; frontend-http, of network and chain, goes either way (HTTP_FRONTEND).
 */
const WASI_03_CARRIERS = ['book-api', 'frontend-wit', 'bookserver-wit'];
const WASI_03_SUFFIX = '-p3';

/** The frontend that calls book-api over HTTP in network and chain: on WASI 0.2 StarlingMonkey's, on WASI 0.3 QuickJS's (`-p3`). */
const HTTP_FRONTEND = 'frontend-http';
/** The wirings where frontend-http calls book-api. */
const HTTP_WIRINGS: readonly Wiring[] = ['network', 'chain'];

/** The wirings whose every carrier has a WASI 0.3 build. */
export const WASI_03_WIRINGS: readonly Wiring[] = WIRING_NAMES.filter((wiring) => wiring !== 'wit-py');

/** Whether the WASI 0.3 builds are there, every one. */
export const builtOnWasi03 = (): boolean => WASI_03_CARRIERS.every((name) => existsSync(wasmPath(`${name}${WASI_03_SUFFIX}`)));

/** Whether frontend-http is built for WASI 0.3 (it needs componentize-qjs 0.5.0). */
export const httpFrontendOnWasi03 = (): boolean => existsSync(wasmPath(`${HTTP_FRONTEND}${WASI_03_SUFFIX}`));

/** The WASI version of frontend-http in an app whose book-api is on `wasi`: the same when built for it. */
const httpFrontendFor = (wasi: WasiVersion): WasiVersion => (wasi === '0.3' && httpFrontendOnWasi03() ? '0.3' : '0.2');

/** A file of the app as `build` has it, or why that build has none. */
function buildOf(name: string, engine: Engine, wasi: WasiVersion, httpFrontend: WasiVersion): string {
  if (name === HTTP_FRONTEND) return httpFrontend === '0.3' ? `${name}${WASI_03_SUFFIX}` : name;
  if (!CARRIERS.includes(name)) return name;
  if (wasi === '0.2') return `${name}${engine.suffix}`;
  if (!WASI_03_CARRIERS.includes(name)) throw new UserError(`${name} has no WASI 0.3 build yet`);
  return `${name}${WASI_03_SUFFIX}`;
}

/** What a build's manifest says it carries, and the folder under build/engines/ it is written in. */
function describe(engine: Engine, wasi: WasiVersion, httpFrontend: WasiVersion, hasHttpFrontend: boolean) {
  const api = wasi === '0.2' ? engine.describes : "QuickJS on WASI 0.3 (componentize-qjs's async runtime), wasi:http@0.3.0 its HTTP face";
  const frontend =
    httpFrontend === '0.3'
      ? 'frontend-http on WASI 0.3 (QuickJS, componentize-qjs 0.5.0), wasi:http@0.3.0 its face and its client'
      : 'frontend-http on WASI 0.2 (StarlingMonkey)';
  const mixed = httpFrontend !== wasi;
  return {
    describes: `book-api on ${api}${hasHttpFrontend && (mixed || wasi === '0.3') ? `; ${frontend}` : ''}`,
    folder: `${wasi === '0.2' ? engine.name : `${engine.name}-wasi-0.3`}${mixed ? `-frontend-http-wasi-${httpFrontend}` : ''}`,
  };
}

/**
 * The manifest that serves `wiring` with book-api on `engine` and `wasi`
 * (WASI 0.3 on QuickJS only), and frontend-http on `httpFrontend`: on
 * book-api's WASI version unless said, WASI 0.3's when it is built.
 */
export async function manifestFor(
  wiring: Wiring,
  engine: Engine = DEFAULT_ENGINE,
  wasi: WasiVersion = '0.2',
  httpFrontend: WasiVersion = httpFrontendFor(wasi),
): Promise<string> {
  const manifest = manifestOf(wiring);
  if (engine === DEFAULT_ENGINE && wasi === '0.2' && httpFrontend === '0.2') return manifest;
  if (wasi === '0.3' && engine !== DEFAULT_ENGINE)
    throw new UserError(`WASI 0.3 is built on ${DEFAULT_ENGINE.name} only, not ${engine.name}`);
  const source = await readFile(manifest, 'utf8');
  const rewritten = source.replace(/"build\/([a-z0-9-]+)\.wasm"/g, (_whole, name: string) =>
    JSON.stringify(wasmPath(buildOf(name, engine, wasi, httpFrontend))),
  );
  const { describes, folder } = describe(engine, wasi, httpFrontend, source.includes(`"build/${HTTP_FRONTEND}.wasm"`));
  const file = join(BUILD_DIR, 'engines', folder, basename(manifest));
  await mkdir(join(BUILD_DIR, 'engines', folder), { recursive: true });
  await writeFile(file, `# ${basename(manifest)} with ${describes}; written by scripts/lib/engines.ts.\n${rewritten}`);
  return file;
}

/**
 * One build of the app: book-api and frontend-wit on an engine and a WASI
 * version, frontend-http on a WASI version, and the wirings it makes whole.
 */
export interface AppBuild {
  name: string;
  engine: Engine;
  wasi: WasiVersion;
  httpFrontend: WasiVersion;
  wirings: readonly Wiring[];
}

/**
 * Every build there is: each engine built, on WASI 0.2; QuickJS on WASI 0.3
 * too, once built, frontend-http on it when built for it. Then network and
 * chain with each side on its own version, so that a chained call is served
 * from WASI 0.2 to 0.3 and from 0.3 to 0.2.
 */
export function builtApps(): AppBuild[] {
  const engines = builtEngines();
  const onWasi03 = builtOnWasi03();
  const frontend03 = httpFrontendOnWasi03();
  const app = (wasi: WasiVersion, httpFrontend: WasiVersion, wirings: readonly Wiring[]): AppBuild => ({
    name: `${DEFAULT_ENGINE.name} on WASI ${wasi}${httpFrontend === wasi ? '' : ` (frontend-http on WASI ${httpFrontend})`}`,
    engine: DEFAULT_ENGINE,
    wasi,
    httpFrontend,
    wirings,
  });
  return [
    ...engines.map((engine) => ({ name: engine.name, engine, wasi: '0.2' as const, httpFrontend: '0.2' as const, wirings: WIRING_NAMES })),
    ...(onWasi03 ? [app('0.3', httpFrontendFor('0.3'), WASI_03_WIRINGS)] : []),
    ...(onWasi03 && frontend03 ? [app('0.3', '0.2', HTTP_WIRINGS)] : []),
    ...(engines.includes(DEFAULT_ENGINE) && frontend03 ? [app('0.2', '0.3', HTTP_WIRINGS)] : []),
  ];
}
