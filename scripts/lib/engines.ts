// The app on each engine book-api and frontend-wit are built on, and on each
// WASI version, the frontends that call book-api over HTTP apart: the default engine's WASI 0.2 files
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
 * The files with a WASI 0.3 build (`-p3`), named for WASI 0.2: book-api and
 * frontend-wit on QuickJS, the two frontends that call book-api over HTTP,
 * and the compositions they are in.
 */
const WASI_03_CARRIERS = ['book-api', 'frontend-wit', 'bookserver-wit', 'frontend-py-http', 'bookserver-wit-py'];
const WASI_03_SUFFIX = '-p3';

/**
 * The frontends that call book-api over HTTP, each built for WASI 0.2 and
 * 0.3 on its own: a build may put one on the other version than book-api, so
 * that a chained call crosses WASI versions. frontend-http's WASI 0.3 build
 * needs componentize-qjs 0.5.0; without it, frontend-http stays on WASI 0.2.
 */
export type HttpFrontend = 'frontend-http' | 'frontend-py-http';
const HTTP_FRONTENDS: Record<HttpFrontend, readonly Wiring[]> = {
  'frontend-http': ['network', 'chain'],
  'frontend-py-http': ['chain-py'],
};

/** Whether the WASI 0.3 builds are there, every one. */
export const builtOnWasi03 = (): boolean => WASI_03_CARRIERS.every((name) => existsSync(wasmPath(`${name}${WASI_03_SUFFIX}`)));

/** Whether frontend-http is built for WASI 0.3 (it needs componentize-qjs 0.5.0). */
export const httpFrontendOnWasi03 = (): boolean => existsSync(wasmPath(`frontend-http${WASI_03_SUFFIX}`));

const otherThan = (wasi: WasiVersion): WasiVersion => (wasi === '0.2' ? '0.3' : '0.2');

/** The WASI version a file runs on, when book-api is on `wasi` and `crossing` are on the other one. */
function versionOf(name: string, wasi: WasiVersion, crossing: readonly HttpFrontend[]): WasiVersion {
  const version = crossing.includes(name as HttpFrontend) ? otherThan(wasi) : wasi;
  return name === 'frontend-http' && version === '0.3' && !httpFrontendOnWasi03() ? '0.2' : version;
}

/** A file of the app as a build has it. */
function buildOf(name: string, engine: Engine, wasi: WasiVersion, crossing: readonly HttpFrontend[]): string {
  const version = versionOf(name, wasi, crossing);
  const carried = version === '0.3' ? WASI_03_CARRIERS.includes(name) || name === 'frontend-http' : CARRIERS.includes(name);
  if (!carried) return name;
  return version === '0.3' ? `${name}${WASI_03_SUFFIX}` : `${name}${engine.suffix}`;
}

/** What a build's manifest says it carries. */
function describe(engine: Engine, wasi: WasiVersion, crossing: readonly HttpFrontend[]): string {
  const api = wasi === '0.2' ? engine.describes : "QuickJS on WASI 0.3 (componentize-qjs's async runtime), wasi:http@0.3.0 its HTTP face";
  return [`book-api on ${api}`, ...crossing.map((name) => `${name} on WASI ${otherThan(wasi)}`)].join('; ');
}

/**
 * The manifest that serves `wiring` with book-api on `engine` and `wasi`
 * (WASI 0.3 on QuickJS only), and the frontends of `crossing` on the other
 * WASI version.
 */
export async function manifestFor(
  wiring: Wiring,
  engine: Engine = DEFAULT_ENGINE,
  wasi: WasiVersion = '0.2',
  crossing: readonly HttpFrontend[] = [],
): Promise<string> {
  const manifest = manifestOf(wiring);
  if (engine === DEFAULT_ENGINE && wasi === '0.2' && crossing.length === 0) return manifest;
  if (wasi === '0.3' && engine !== DEFAULT_ENGINE)
    throw new UserError(`WASI 0.3 is built on ${DEFAULT_ENGINE.name} only, not ${engine.name}`);
  const source = await readFile(manifest, 'utf8');
  const rewritten = source.replace(/"build\/([a-z0-9-]+)\.wasm"/g, (_whole, name: string) =>
    JSON.stringify(wasmPath(buildOf(name, engine, wasi, crossing))),
  );
  const folder = [
    wasi === '0.2' ? engine.name : `${engine.name}-wasi-0.3`,
    ...crossing.map((name) => `${name}-wasi-${otherThan(wasi)}`),
  ].join('-');
  const file = join(BUILD_DIR, 'engines', folder, basename(manifest));
  await mkdir(join(BUILD_DIR, 'engines', folder), { recursive: true });
  await writeFile(
    file,
    `# ${basename(manifest)} with ${describe(engine, wasi, crossing)}; written by scripts/lib/engines.ts.\n${rewritten}`,
  );
  return file;
}

/** One build of the app: book-api and frontend-wit on an engine and a WASI version, and the wirings it makes whole. */
export interface AppBuild {
  name: string;
  engine: Engine;
  wasi: WasiVersion;
  /** The frontends on the other WASI version than book-api. */
  crossing: readonly HttpFrontend[];
  wirings: readonly Wiring[];
}

/**
 * Every build there is: each engine built, on WASI 0.2; QuickJS on WASI 0.3
 * too, once built. Then each frontend that calls book-api over HTTP on the
 * other version than book-api, each way, so that a chained call is served
 * from WASI 0.2 to 0.3 and from 0.3 to 0.2.
 */
export function builtApps(): AppBuild[] {
  const engines = builtEngines();
  const onWasi03 = builtOnWasi03();
  const app = (wasi: WasiVersion, crossing: readonly HttpFrontend[], wirings: readonly Wiring[]): AppBuild => ({
    name: `${DEFAULT_ENGINE.name} on WASI ${wasi}${crossing.map((name) => ` (${name} on WASI ${otherThan(wasi)})`).join('')}`,
    engine: DEFAULT_ENGINE,
    wasi,
    crossing,
    wirings,
  });
  const crossings = (Object.keys(HTTP_FRONTENDS) as HttpFrontend[]).filter(
    (name) => onWasi03 && (name !== 'frontend-http' || httpFrontendOnWasi03()),
  );
  return [
    ...engines.map((engine) => ({ name: engine.name, engine, wasi: '0.2' as const, crossing: [], wirings: WIRING_NAMES })),
    ...(onWasi03 ? [app('0.3', [], WIRING_NAMES)] : []),
    ...crossings.flatMap((name) => [
      app('0.3', [name], HTTP_FRONTENDS[name]),
      ...(engines.includes(DEFAULT_ENGINE) ? [app('0.2', [name], HTTP_FRONTENDS[name])] : []),
    ]),
  ];
}
