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

/** A TypeScript guest, built by jco componentize on StarlingMonkey. */
export interface TypeScriptGuest extends GuestBase {
  language: 'typescript';
  entry: string;
  /**
   * Least privilege: what the component does not use is not imported.
   * `http` is outgoing HTTP; `fetch-event` (incoming) stays on for all.
   */
  disable: Feature[];
  /** The bindings as componentize-js generates them, without bookserver's fixes (scripts/lib/componentize-js/): to measure what the fixes buy. */
  stockBindings?: boolean;
}

/** A Python guest, built by componentize-py on CPython. */
export interface PythonGuest extends GuestBase {
  language: 'python';
  /** The module that defines the world's exports, in one of the source folders (each on the guest's path). */
  module: string;
}

/** A guest written in WebAssembly text by a generator of the project's (bench/crossings/null-guests.ts). */
export interface WatGuest extends GuestBase {
  language: 'wat';
  generator: 'null-exporter' | 'relay';
}

export type Guest = TypeScriptGuest | PythonGuest | WatGuest;

const shared = 'components/shared';
export const PYTHON_FRONTEND = 'components/frontend-py';

export const GUESTS: readonly Guest[] = [
  {
    language: 'typescript',
    name: 'book-api',
    world: 'book-api',
    entry: 'components/book-api/src/index.ts',
    sources: ['components/book-api/src', shared],
    disable: ['http', 'random', 'stdio'],
  },
  {
    language: 'typescript',
    name: 'frontend-http',
    world: 'frontend-http',
    entry: 'components/frontend/src/main-http.ts',
    sources: ['components/frontend/src', shared],
    disable: ['random', 'stdio'],
  },
  {
    language: 'typescript',
    name: 'frontend-wit',
    world: 'frontend-wit',
    entry: 'components/frontend/src/main-wit.ts',
    sources: ['components/frontend/src', shared],
    disable: ['http', 'random', 'stdio'],
  },
  { language: 'python', name: 'frontend-py-http', world: 'frontend-http', module: 'main_http', sources: [PYTHON_FRONTEND] },
  { language: 'python', name: 'frontend-py-wit', world: 'frontend-wit', module: 'main_wit', sources: [PYTHON_FRONTEND] },
];

/**
 * The tests' components, built only when asked for (`npm run build -- probe
 * ...`, as the tests do). The probe twice: with stdio, a failing handler logs
 * and answers 500; without it, as book-api is built, it traps. And
 * catalog-caller, a catalogue that tries the network and serves no HTTP.
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
];

export interface Composition {
  /** The composed component's file name under build/. */
  name: string;
  wac: string;
  /** WAC package name to the guest that provides it. */
  deps: Record<string, string>;
}

/** The components `npm run compose` makes: book-api composed into each frontend-wit, TypeScript and Python. */
export const COMPOSITIONS: readonly Composition[] = [
  {
    name: 'bookserver-wit',
    wac: join(ROOT, 'compose/bookserver.wac'),
    deps: { 'bookserver:book-api': 'book-api', 'bookserver:frontend-wit': 'frontend-wit' },
  },
  {
    name: 'bookserver-wit-py',
    wac: join(ROOT, 'compose/bookserver-py.wac'),
    deps: { 'bookserver:book-api': 'book-api', 'bookserver:frontend-py-wit': 'frontend-py-wit' },
  },
];

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
