// The project's facts: where things are, what gets built from what, and
// the wirings with the manifest of each. Every script and test takes them
// from here.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WIT_DIR = join(ROOT, 'wit');
export const BUILD_DIR = join(ROOT, 'build');
export const TOOLS_DIR = join(ROOT, '.tools');
/** The StarlingMonkey engine that componentize-js builds every guest on; its imports fix the WASI version. */
export const STARLINGMONKEY = join(ROOT, 'node_modules/@bytecodealliance/componentize-js/lib/starlingmonkey_embedding.wasm');
/** The WASI packages vendored into wit/deps from StarlingMonkey (wasi:config is written by hand). */
export const VENDORED_WASI = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random'] as const;

/** jco componentize features: each one left enabled adds WASI imports to the component. */
export type Feature = 'clocks' | 'http' | 'random' | 'stdio' | 'fetch-event';

export interface Guest {
  /** The file name under build/. */
  name: string;
  /** The world it is built against, in `wit` (wit/ unless said otherwise). */
  world: string;
  wit?: string;
  entry: string;
  /** Source folders whose changes make the component stale. */
  sources: string[];
  /**
   * Least privilege: what the component does not use is not imported.
   * `http` is outgoing HTTP; `fetch-event` (incoming) stays on for all.
   */
  disable: Feature[];
}

const shared = 'components/shared';

export const GUESTS: readonly Guest[] = [
  {
    name: 'book-api',
    world: 'book-api',
    entry: 'components/book-api/src/index.ts',
    sources: ['components/book-api/src', shared],
    disable: ['http', 'random', 'stdio'],
  },
  {
    name: 'frontend-http',
    world: 'frontend-http',
    entry: 'components/frontend/src/main-http.ts',
    sources: ['components/frontend/src', shared],
    disable: ['random', 'stdio'],
  },
  {
    name: 'frontend-wit',
    world: 'frontend-wit',
    entry: 'components/frontend/src/main-wit.ts',
    sources: ['components/frontend/src', shared],
    disable: ['http', 'random', 'stdio'],
  },
];

/**
 * The tests' components, built only when asked for (`npm run build -- probe
 * ...`, as the tests do). The probe twice: with stdio, a failing handler logs
 * and answers 500; without it, as book-api is built, it traps. And
 * catalog-caller, a catalogue that tries the network and serves no HTTP.
 */
export const FIXTURES: readonly Guest[] = [
  { name: 'probe', world: 'frontend-http', entry: 'test/fixtures/probe/index.ts', sources: ['test/fixtures/probe'], disable: ['random'] },
  {
    name: 'probe-quiet',
    world: 'frontend-http',
    entry: 'test/fixtures/probe/index.ts',
    sources: ['test/fixtures/probe'],
    disable: ['random', 'stdio'],
  },
  {
    name: 'catalog-caller',
    world: 'catalog-caller',
    wit: 'test/fixtures/wit',
    entry: 'test/fixtures/catalog-caller/index.ts',
    sources: ['test/fixtures/catalog-caller', 'test/fixtures/wit'],
    disable: ['random', 'stdio', 'fetch-event'],
  },
];

/** The `wit` wiring's component: book-api composed into frontend-wit. */
export const COMPOSED = {
  name: 'bookserver-wit',
  wac: join(ROOT, 'compose/bookserver.wac'),
  /** WAC package name to the guest that provides it. */
  deps: { 'bookserver:book-api': 'book-api', 'bookserver:frontend-wit': 'frontend-wit' },
} as const;

export const wasmPath = (name: string): string => join(BUILD_DIR, `${name}.wasm`);

// The wirings of the app: one name per way the frontend reaches book-api.

/** The manifest of each wiring; `chain` is the default, as `spin up` reads spin.toml. */
export const WIRINGS = { network: 'spin.network.toml', chain: 'spin.toml', wit: 'spin.wit.toml', deps: 'spin.deps.toml' } as const;
export type Wiring = keyof typeof WIRINGS;

export const WIRING_NAMES = Object.keys(WIRINGS) as Wiring[];

export const isWiring = (name: string): name is Wiring => name in WIRINGS;

export const manifestOf = (wiring: Wiring): string => join(ROOT, WIRINGS[wiring]);
