// The project's facts: where things are, what gets built from what, and
// the wirings with the manifest of each. Every script and test takes them
// from here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Where npm installed a package, and its version. */
export const packageDir = (name: string): string => join(ROOT, 'node_modules', name);
export const packageVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
export const WIT_DIR = join(ROOT, 'wit');
export const BUILD_DIR = join(ROOT, 'build');
export const TOOLS_DIR = join(ROOT, '.tools');
/** The StarlingMonkey engine that componentize-js builds every guest on; its imports fix the WASI version. */
export const STARLINGMONKEY = join(ROOT, 'node_modules/@bytecodealliance/componentize-js/lib/starlingmonkey_embedding.wasm');
/** The WASI packages vendored into wit/deps from StarlingMonkey (wasi:config is written by hand). */
export const VENDORED_WASI = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'] as const;
/**
 * The WASI 0.3 packages, vendored as `<name>-0.3.wit` beside them from the
 * WIT jco ships (what Spin 4.1 serves: wasi:http@0.3.0), for the WASI 0.3
 * worlds; StarlingMonkey targets none of them.
 */
export const VENDORED_WASI_03 = ['cli', 'clocks', 'filesystem', 'http', 'random', 'sockets'] as const;
export const JCO_WASI_03_WIT = join(ROOT, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.3.0');
/** Where they are vendored: the project's WIT, and the template's, which a new app takes as it is. */
export const VENDORED_WIT_DEPS = [join(WIT_DIR, 'deps'), join(ROOT, 'templates', 'wit-pair-ts', 'content', 'wit', 'deps')] as const;

/** jco componentize features: each one left enabled adds WASI imports to the component. */
export type Feature = 'clocks' | 'http' | 'random' | 'stdio' | 'fetch-event';

interface GuestBase {
  /** The file name under build/. */
  name: string;
  /** The world it is built against, in `wit` (wit/ unless said otherwise). */
  world: string;
  wit?: string;
  /** Source folders whose changes make the component stale. */
  sources: string[];
}

/** A TypeScript guest, built by jco componentize: on StarlingMonkey (componentize-js) unless it says QuickJS (componentize-qjs). */
export interface TypeScriptGuest extends GuestBase {
  language: 'typescript';
  entry: string;
  engine?: 'quickjs';
  /** The WASI version it targets: 0.2 unless said (0.3 on QuickJS builds with componentize-qjs's async runtime). */
  wasi?: '0.3';
  /**
   * It imports an async function (wasi:http/client@0.3.0's `send`), which
   * componentize-qjs 0.4.5, the one jco runs, cannot build: componentize-qjs
   * 0.5.0's CLI builds it (scripts/lib/componentize-qjs.ts).
   */
  asyncImports?: boolean;
  /**
   * StarlingMonkey's least privilege: what the component does not use is not
   * imported. `http` is outgoing HTTP; `fetch-event` (incoming) stays on for all.
   */
  disable: Feature[];
  /** The bindings as componentize-js generates them, without bookserver's fixes (scripts/lib/componentize-js/): to measure what the fixes buy. */
  stockBindings?: boolean;
  /** StarlingMonkey compiled ahead of time by weval (`npm run tools -- --aot` installs it). */
  aot?: boolean;
  /** StarlingMonkey's debug build, whose functions keep their names: for profiles (npm run profile:wit). */
  namedEngine?: boolean;
}

/** A Python guest, built by componentize-py on CPython. */
export interface PythonGuest extends GuestBase {
  language: 'python';
  /** The module that defines the world's exports, in one of the source folders (each on the guest's path). */
  module: string;
  /** The WASI version it targets: 0.2 unless said (0.3 runs on componentize-py's async runtime). */
  wasi?: '0.3';
}

/** A guest written in WebAssembly text: the http-face adapter, and the crossings' null guests (bench/crossings/null-guests.ts). */
export interface WatGuest extends GuestBase {
  language: 'wat';
  generator: 'http-face' | 'null-exporter' | 'relay';
}

/** A Rust guest: a crate of the workspace in components/floor, built by cargo (scripts/lib/cargo.ts). */
export interface RustGuest extends GuestBase {
  language: 'rust';
  crate: string;
}

export type Guest = TypeScriptGuest | PythonGuest | WatGuest | RustGuest;

const shared = 'components/shared';
export const PYTHON_FRONTEND = 'components/frontend-py';
const FLOOR_CRATES = 'components/floor';
/** The seven books, which book-api imports and the floor builds in. */
const WEEK_JSON = 'components/book-api/src/week.json';

/** Where book-api and frontend-wit start on StarlingMonkey (the fetch event), and the folder of their own sources. */
const ON_STARLINGMONKEY = {
  'book-api': { entry: 'components/book-api/src/index.ts', sources: 'components/book-api/src' },
  'frontend-wit': { entry: 'components/frontend/src/main-wit.ts', sources: 'components/frontend/src' },
} as const;

/** A TypeScript component on StarlingMonkey, ahead of time or not: book-api and frontend-wit are built either way, as their engines. */
const onStarlingMonkey = (component: keyof typeof ON_STARLINGMONKEY, aot: boolean): TypeScriptGuest => ({
  language: 'typescript',
  name: `${component}-sm${aot ? '-aot' : ''}`,
  world: component,
  entry: ON_STARLINGMONKEY[component].entry,
  sources: [ON_STARLINGMONKEY[component].sources, shared],
  // Randomness and stdio stay: each request gets an id made from the host's randomness and a log line.
  disable: ['http'],
  aot,
});

export const GUESTS: readonly Guest[] = [
  // book-api on QuickJS, its HTTP face served by the http-face adapter (the composition book-api).
  {
    language: 'typescript',
    engine: 'quickjs',
    name: 'book-api-plain',
    world: 'book-api-plain',
    entry: 'components/book-api/src/plain.ts',
    sources: ['components/book-api/src', shared],
    disable: [],
  },
  { language: 'wat', name: 'http-face', world: 'http-face', generator: 'http-face', sources: ['components/http-face'] },
  onStarlingMonkey('book-api', false),
  {
    language: 'typescript',
    name: 'frontend-http',
    world: 'frontend-http',
    entry: 'components/frontend/src/main-http.ts',
    sources: ['components/frontend/src', shared],
    disable: [],
  },
  // frontend-wit on StarlingMonkey, and on QuickJS with its HTTP face served by the http-face adapter (the composition frontend-wit).
  onStarlingMonkey('frontend-wit', false),
  {
    language: 'typescript',
    engine: 'quickjs',
    name: 'frontend-wit-plain',
    world: 'frontend-wit-plain',
    entry: 'components/frontend/src/main-wit-plain.ts',
    sources: ['components/frontend/src', shared],
    disable: [],
  },
  // book-api and frontend-wit on WASI 0.3 (QuickJS), wasi:http@0.3.0's handler their HTTP face.
  {
    language: 'typescript',
    engine: 'quickjs',
    wasi: '0.3',
    name: 'book-api-p3',
    world: 'book-api-p3',
    entry: 'components/book-api/src/p3.ts',
    sources: ['components/book-api/src', shared],
    disable: [],
  },
  {
    language: 'typescript',
    engine: 'quickjs',
    wasi: '0.3',
    name: 'frontend-wit-p3',
    world: 'frontend-wit-p3',
    entry: 'components/frontend/src/main-wit-p3.ts',
    sources: ['components/frontend/src', shared],
    disable: [],
  },
  // frontend-http on WASI 0.3 (QuickJS): wasi:http@0.3.0's handler its face, and its client's async send how it calls book-api.
  {
    language: 'typescript',
    engine: 'quickjs',
    wasi: '0.3',
    asyncImports: true,
    name: 'frontend-http-p3',
    world: 'frontend-http-p3',
    entry: 'components/frontend/src/main-http-p3.ts',
    sources: ['components/frontend/src', shared],
    disable: [],
  },
  { language: 'python', name: 'frontend-py-http', world: 'frontend-http', module: 'main_http', sources: [PYTHON_FRONTEND] },
  { language: 'python', name: 'frontend-py-wit', world: 'frontend-wit', module: 'main_wit', sources: [PYTHON_FRONTEND] },
  // The same Python frontend on WASI 0.3: its handlers awaited by wasi:http@0.3.0's handler, its calls of book-api by the client's send.
  {
    language: 'python',
    wasi: '0.3',
    name: 'frontend-py-http-p3',
    world: 'frontend-http-p3',
    module: 'main_http_p3',
    sources: [PYTHON_FRONTEND],
  },
  {
    language: 'python',
    wasi: '0.3',
    name: 'frontend-py-wit-p3',
    world: 'frontend-wit-p3',
    module: 'main_wit_p3',
    sources: [PYTHON_FRONTEND],
  },
  // The benchmark's floor (FLOORS): the page from one Rust component, on each WASI version.
  { language: 'rust', name: 'floor-p2', crate: 'floor-p2', world: 'wasi:http/proxy@0.2', sources: [FLOOR_CRATES, WEEK_JSON] },
  { language: 'rust', name: 'floor-p3', crate: 'floor-p3', world: 'wasi:http/service@0.3.0', sources: [FLOOR_CRATES, WEEK_JSON] },
];

/**
 * The tests' components, built only when asked for (`npm run build -- probe
 * ...`, as the tests do). The probe twice: with stdio, a failing handler logs
 * and answers 500; without it, as book-api is built, it traps. And
 * catalog-caller, a catalogue that tries the network and serves no HTTP;
 * the reuse probe, a WASI 0.3 handler counting what its instance served.
 */
export const FIXTURES: readonly Guest[] = [
  {
    language: 'typescript',
    name: 'probe',
    world: 'frontend-http',
    entry: 'test/fixtures/probe/index.ts',
    sources: ['test/fixtures/probe'],
    disable: ['random'],
  },
  {
    language: 'typescript',
    name: 'probe-quiet',
    world: 'frontend-http',
    entry: 'test/fixtures/probe/index.ts',
    sources: ['test/fixtures/probe'],
    disable: ['random', 'stdio'],
  },
  {
    language: 'typescript',
    name: 'catalog-caller',
    world: 'catalog-caller',
    wit: 'test/fixtures/wit',
    entry: 'test/fixtures/catalog-caller/index.ts',
    sources: ['test/fixtures/catalog-caller', 'test/fixtures/wit'],
    disable: ['random', 'stdio', 'fetch-event'],
  },
  {
    language: 'typescript',
    engine: 'quickjs',
    wasi: '0.3',
    name: 'reuse-probe',
    world: 'reuse-probe',
    wit: 'test/fixtures/wit',
    entry: 'test/fixtures/reuse-probe/index.ts',
    sources: ['test/fixtures/reuse-probe', 'test/fixtures/wit', shared],
    disable: [],
  },
  {
    language: 'typescript',
    name: 'key-value',
    world: 'key-value',
    wit: 'test/fixtures/wit',
    entry: 'test/fixtures/key-value/index.ts',
    sources: ['test/fixtures/key-value', 'test/fixtures/wit'],
    disable: ['random', 'stdio', 'http'],
  },
];

export interface Composition {
  /** The composed component's file name under build/. */
  name: string;
  wac: string;
  /** WAC package name to the guest (or composition) that provides it. */
  deps: Record<string, string>;
  /** The WASI version it serves HTTP on: 0.2 unless said. */
  wasi?: '0.3';
}

/**
 * The engines book-api and frontend-wit are built on (frontend-http needs
 * StarlingMonkey's fetch), each with the files of the app that carry them:
 * `book-api<suffix>`, `frontend-wit<suffix>` and the compositions they are
 * in. QuickJS is the default, as docs/benchmark.md's numbers say;
 * StarlingMonkey ahead of time is built only when asked for, since weval
 * takes minutes to install.
 */
export const ENGINES = [
  { name: 'quickjs', suffix: '', describes: 'QuickJS (componentize-qjs), HTTP served by the http-face adapter' },
  { name: 'starlingmonkey', suffix: '-sm', describes: 'StarlingMonkey (componentize-js), HTTP by its fetch event' },
  { name: 'starlingmonkey-aot', suffix: '-sm-aot', describes: 'StarlingMonkey compiled ahead of time by weval' },
] as const;
export type Engine = (typeof ENGINES)[number];
export type EngineName = Engine['name'];
export const DEFAULT_ENGINE: Engine = ENGINES[0];
export const isEngine = (name: string): name is EngineName => ENGINES.some((engine) => engine.name === name);
export const engineNamed = (name: EngineName): Engine => ENGINES.find((engine) => engine.name === name) ?? DEFAULT_ENGINE;

/** A guest that serves HTTP as plain data, composed with the http-face adapter that serves it over wasi:http. */
export const servedOverHttp = (name: string, guest: string): Composition => ({
  name,
  wac: join(ROOT, 'compose/plain-http.wac'),
  deps: { 'bookserver:plain-guest': guest, 'bookserver:http-face': 'http-face' },
});

/** book-api composed into each frontend-wit, TypeScript (on the same engine) and Python. */
export const composedWith = ({ suffix }: Engine): Composition[] => [
  {
    name: `bookserver-wit${suffix}`,
    wac: join(ROOT, 'compose/bookserver.wac'),
    deps: { 'bookserver:book-api': `book-api${suffix}`, 'bookserver:frontend-wit': `frontend-wit${suffix}` },
  },
  {
    name: `bookserver-wit-py${suffix}`,
    wac: join(ROOT, 'compose/bookserver-py.wac'),
    deps: { 'bookserver:book-api': `book-api${suffix}`, 'bookserver:frontend-py-wit': 'frontend-py-wit' },
  },
];

/** The components `npm run compose` makes: book-api and frontend-wit on QuickJS with their HTTP faces, then book-api composed into each frontend-wit on each engine. */
export const COMPOSITIONS: readonly Composition[] = [
  {
    name: 'book-api',
    wac: join(ROOT, 'compose/book-api-plain.wac'),
    deps: { 'bookserver:book-api-plain': 'book-api-plain', 'bookserver:http-face': 'http-face' },
  },
  servedOverHttp('frontend-wit', 'frontend-wit-plain'),
  ...composedWith(ENGINES[0]),
  ...composedWith(ENGINES[1]),
  {
    name: 'bookserver-wit-p3',
    wasi: '0.3',
    wac: join(ROOT, 'compose/bookserver-p3.wac'),
    deps: { 'bookserver:book-api': 'book-api-p3', 'bookserver:frontend-wit': 'frontend-wit-p3' },
  },
  {
    name: 'bookserver-wit-py-p3',
    wasi: '0.3',
    wac: join(ROOT, 'compose/bookserver-py-p3.wac'),
    deps: { 'bookserver:book-api': 'book-api-p3', 'bookserver:frontend-py-wit': 'frontend-py-wit-p3' },
  },
];

/** What the ahead-of-time engine adds, built and composed only when asked for. */
export const AOT_GUESTS: readonly Guest[] = [onStarlingMonkey('book-api', true), onStarlingMonkey('frontend-wit', true)];
export const AOT_COMPOSITIONS: readonly Composition[] = composedWith(ENGINES[2]);

export const wasmPath = (name: string): string => join(BUILD_DIR, `${name}.wasm`);

/** The WIT folder a guest's world is in. */
export const witDirOf = (guest: Guest): string => (guest.wit === undefined ? WIT_DIR : join(ROOT, guest.wit));

// The wirings of the app: one name per way the frontend reaches book-api.

/** The manifest of each wiring; `chain` is the default, as `spin up` reads spin.toml. */
export const WIRINGS = {
  network: 'spin.network.toml',
  chain: 'spin.toml',
  wit: 'spin.wit.toml',
  deps: 'spin.deps.toml',
  // The same wirings with the Python frontend: chaining (the article's final state) and composed over WIT.
  'chain-py': 'spin.chain-py.toml',
  'wit-py': 'spin.wit-py.toml',
} as const;
export type Wiring = keyof typeof WIRINGS;

export const WIRING_NAMES = Object.keys(WIRINGS) as Wiring[];

export const isWiring = (name: string): name is Wiring => name in WIRINGS;

export const manifestOf = (wiring: Wiring): string => join(ROOT, WIRINGS[wiring]);

/**
 * The benchmark's floor, a manifest for each WASI version: the page served by
 * one Rust component, with no call and no store, the least Spin does for it,
 * which each wiring's cost is read against. Not a wiring: there is no book-api.
 */
export const FLOORS = { '0.2': 'spin.floor.toml', '0.3': 'spin.floor-p3.toml' } as const;
export type FloorWasi = keyof typeof FLOORS;
export const floorManifest = (wasi: FloorWasi): string => join(ROOT, FLOORS[wasi]);

/**
 * The Spin variable `api_token` of the apps the scripts and tests serve
 * (scripts/lib/serve.ts): writes need `Authorization: Bearer <it>`. Known to
 * the tests and the benchmark, so never the token of an app that matters.
 */
export const SERVED_API_TOKEN = 'bookserver-served-token';
