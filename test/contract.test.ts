// The built components against the contract in wit/: each exports exactly
// what its world exports and imports what its world imports, plus only what
// its language's engine itself needs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Guest,
  GUESTS,
  manifestOf,
  STARLINGMONKEY,
  JCO_WASI_03_WIT,
  VENDORED_WASI,
  VENDORED_WASI_03,
  VENDORED_WIT_DEPS,
  WIRING_NAMES,
  WIT_DIR,
  wasmPath,
} from '../scripts/lib/project.js';
import { loadManifest, unversioned } from '../runtime/index.js';
import { builtInterfaces, worldInterfaces } from '../scripts/lib/wit.js';

/** The command line's streams and terminals, besides stdout, which the worlds import themselves (the log). */
const STDIO = [
  'wasi:cli/stderr',
  'wasi:cli/stdin',
  'wasi:cli/terminal-input',
  'wasi:cli/terminal-output',
  'wasi:cli/terminal-stderr',
  'wasi:cli/terminal-stdin',
  'wasi:cli/terminal-stdout',
];
/** What a POSIX-like WASI adapter imports for the command line: the streams, environment, exit, terminals. */
const CLI = ['wasi:cli/environment', 'wasi:cli/exit', ...STDIO];
const FILES = ['wasi:filesystem/preopens', 'wasi:filesystem/types'];

/** CPython, through componentize-py's WASI libc: a whole POSIX-like system, sockets included. */
const CPYTHON = [
  ...CLI,
  'wasi:clocks/wall-clock',
  ...FILES,
  'wasi:sockets/instance-network',
  'wasi:sockets/ip-name-lookup',
  'wasi:sockets/network',
  'wasi:sockets/tcp',
  'wasi:sockets/tcp-create-socket',
  'wasi:sockets/udp',
  'wasi:sockets/udp-create-socket',
];

/** What each engine imports however little a component uses, besides the world's imports. */
const ENGINE_BASELINE: Record<'starlingmonkey' | 'quickjs' | 'python' | 'python-async', string[]> = {
  // StarlingMonkey with its stdio (the log goes to stdout): the streams, and the filesystem its stdio comes with, the wall clock for Date.
  starlingmonkey: [...STDIO, 'wasi:clocks/wall-clock', ...FILES].sort(),
  // QuickJS, through componentize-qjs's WASI adapter: a POSIX-like system without sockets.
  quickjs: [...CLI, 'wasi:clocks/monotonic-clock', 'wasi:clocks/wall-clock', ...FILES, 'wasi:random/insecure-seed'].sort(),
  python: [...CPYTHON].sort(),
  // CPython on WASI 0.3, with componentize-py's async runtime: the same and the monotonic clock (componentize-py 0.25.1).
  'python-async': [...CPYTHON, 'wasi:clocks/monotonic-clock'].sort(),
};

function engineOf(guest: Guest): keyof typeof ENGINE_BASELINE | undefined {
  if (guest.language === 'typescript') return guest.engine ?? 'starlingmonkey';
  if (guest.language === 'python') return guest.wasi === '0.3' ? 'python-async' : 'python';
  return undefined;
}

/** The guests built by a language's toolchain (the WebAssembly text adapter imports only what it calls). */
const TOOLCHAIN_GUESTS = GUESTS.flatMap((guest) => {
  const engine = engineOf(guest);
  return engine ? [[guest.name, guest.world, engine] as const] : [];
});

describe.each(TOOLCHAIN_GUESTS)('%s', (name, worldName, engine) => {
  it('exports exactly what its world exports', async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath(name)), worldInterfaces(WIT_DIR, worldName)]);
    expect(built.exports).toEqual(world.exports);
  });

  it("imports its world's interfaces and nothing else but the engine's baseline", async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath(name)), worldInterfaces(WIT_DIR, worldName)]);
    const builtNames = built.imports.map(unversioned);
    const worldNames = world.imports.map(unversioned);
    expect(worldNames.filter((n) => !builtNames.includes(n))).toEqual([]);
    expect(builtNames.filter((n) => !worldNames.includes(n)).sort()).toEqual(ENGINE_BASELINE[engine]);
  });
});

describe('book-api on QuickJS, composed with its http-face adapter', () => {
  it('exports what the world book-api exports, and imports no plain-http', async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath('book-api')), worldInterfaces(WIT_DIR, 'book-api')]);
    expect(built.exports).toEqual(world.exports);
    expect(built.imports.map(unversioned)).not.toContain('bookserver:books/plain-http');
  });
});

describe('least privilege', () => {
  const importsOf = async (name: string): Promise<string[]> => (await builtInterfaces(wasmPath(name))).imports.map(unversioned);
  const KEY_VALUE = ['wasi:keyvalue/store', 'wasi:keyvalue/atomics', 'wasi:keyvalue/batch'];

  it('book-api imports the key-value store and the variables, and no outgoing HTTP and no sockets, on any engine', async () => {
    for (const name of ['book-api', 'book-api-sm']) {
      const imports = await importsOf(name);
      expect(imports, name).toEqual(expect.arrayContaining([...KEY_VALUE, 'wasi:config/store']));
      expect(
        imports.filter((n) => /^wasi:(http\/outgoing-handler|sockets)/.test(n)),
        name,
      ).toEqual([]);
    }
  });

  it('no component has files to open: the filesystem its engine imports gets no preopened directory, for no manifest says `files`', async () => {
    for (const wiring of WIRING_NAMES) {
      const manifest = await loadManifest(manifestOf(wiring));
      for (const [id, component] of Object.entries(manifest.component ?? {}))
        expect(Object.keys(component), `${wiring}: ${id}`).not.toContain('files');
    }
  });

  /** Outgoing HTTP, on WASI 0.2 and on WASI 0.3. */
  const OUTGOING = ['wasi:http/outgoing-handler', 'wasi:http/client'];

  it.each(['frontend-wit', 'frontend-py-wit', 'frontend-wit-p3', 'frontend-py-wit-p3'])(
    '%s imports the catalog, and no outgoing HTTP, no variables, no key-value store',
    async (name) => {
      const imports = await importsOf(name);
      expect(imports).toContain('bookserver:books/catalog');
      expect(imports.filter((n) => OUTGOING.includes(n) || n === 'wasi:config/store' || KEY_VALUE.includes(n))).toEqual([]);
    },
  );

  it.each([
    ['frontend-http', 'wasi:http/outgoing-handler'],
    ['frontend-py-http', 'wasi:http/outgoing-handler'],
    ['frontend-py-http-p3', 'wasi:http/client'],
  ])('%s imports outgoing HTTP (%s) and the variables store, and no catalog, no key-value store', async (name, outgoing) => {
    const imports = await importsOf(name);
    expect(imports).toEqual(expect.arrayContaining([outgoing, 'wasi:config/store']));
    expect(imports.filter((n) => n === 'bookserver:books/catalog' || KEY_VALUE.includes(n))).toEqual([]);
  });
});

describe('vendored WIT deps', () => {
  it('are at the WASI version StarlingMonkey targets, so jco never falls back to componentize-js 0.19.3', async () => {
    // The engine names every WASI interface it was built against, imports and the WIT it embeds alike.
    const engine = (await readFile(STARLINGMONKEY)).toString('latin1');
    const targeted = new Set([...engine.matchAll(/(wasi:[a-z-]+)\/[a-z-]+@(\d+\.\d+\.\d+)/g)].map((m) => `${m[1]}@${m[2]}`));
    const vendored = await Promise.all(
      VENDORED_WASI.map(async (pkg) => {
        const wit = await readFile(`${WIT_DIR}/deps/${pkg}.wit`, 'utf8');
        return wit.match(/^package ([^;]+);/m)?.[1];
      }),
    );
    expect(vendored.length).toBe(VENDORED_WASI.length);
    expect(vendored.filter((pkg) => !targeted.has(pkg ?? ''))).toEqual([]);
  });

  it("are, for WASI 0.3, jco's own WIT (npm run wit:vendor copies it)", async () => {
    for (const pkg of VENDORED_WASI_03) {
      const vendored = await readFile(join(WIT_DIR, 'deps', `${pkg}-0.3.wit`), 'utf8');
      expect(vendored.slice(vendored.indexOf('\n') + 1), `${pkg}-0.3.wit`).toBe(
        await readFile(join(JCO_WASI_03_WIT, `wasi-${pkg}`, 'package.wit'), 'utf8'),
      );
    }
  });

  it("are the template's too, byte for byte (npm run wit:vendor writes both)", async () => {
    const [project, template] = VENDORED_WIT_DEPS;
    for (const file of [...VENDORED_WASI.map((pkg) => `${pkg}.wit`), ...VENDORED_WASI_03.map((pkg) => `${pkg}-0.3.wit`)]) {
      expect(await readFile(join(template, file), 'utf8'), file).toBe(await readFile(join(project, file), 'utf8'));
    }
  });
});
