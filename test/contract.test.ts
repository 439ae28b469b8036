// The built components against the contract in wit/: each exports exactly
// what its world exports and imports what its world imports, plus only what
// its language's engine itself needs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Guest, GUESTS, STARLINGMONKEY, VENDORED_WASI, VENDORED_WIT_DEPS, WIT_DIR, wasmPath } from '../scripts/lib/project.js';
import { unversioned } from '../runtime/index.js';
import { builtInterfaces, worldInterfaces } from '../scripts/lib/wit.js';

/** What a POSIX-like WASI adapter imports for the command line: streams, environment, exit, terminals. */
const CLI = [
  'wasi:cli/environment',
  'wasi:cli/exit',
  'wasi:cli/stderr',
  'wasi:cli/stdin',
  'wasi:cli/stdout',
  'wasi:cli/terminal-input',
  'wasi:cli/terminal-output',
  'wasi:cli/terminal-stderr',
  'wasi:cli/terminal-stdin',
  'wasi:cli/terminal-stdout',
];

/** What each engine imports however little a component uses. */
const ENGINE_BASELINE: Record<'starlingmonkey' | 'quickjs' | 'python', string[]> = {
  // StarlingMonkey: stderr for its own errors, the wall clock for Date.
  starlingmonkey: ['wasi:cli/stderr', 'wasi:clocks/wall-clock'],
  // QuickJS, through componentize-qjs's WASI adapter: a POSIX-like system without sockets.
  quickjs: [
    ...CLI,
    'wasi:clocks/monotonic-clock',
    'wasi:clocks/wall-clock',
    'wasi:filesystem/preopens',
    'wasi:filesystem/types',
    'wasi:io/error',
    'wasi:io/poll',
    'wasi:io/streams',
    'wasi:random/insecure-seed',
  ],
  // CPython, through componentize-py's WASI libc: a whole POSIX-like system, sockets included.
  python: [
    ...CLI,
    'wasi:clocks/wall-clock',
    'wasi:filesystem/preopens',
    'wasi:filesystem/types',
    'wasi:random/random',
    'wasi:sockets/instance-network',
    'wasi:sockets/ip-name-lookup',
    'wasi:sockets/network',
    'wasi:sockets/tcp',
    'wasi:sockets/tcp-create-socket',
    'wasi:sockets/udp',
    'wasi:sockets/udp-create-socket',
  ],
};

const engineOf = (guest: Guest): keyof typeof ENGINE_BASELINE | undefined =>
  guest.language === 'typescript' ? (guest.engine ?? 'starlingmonkey') : guest.language === 'python' ? 'python' : undefined;

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

  it('book-api imports no outgoing HTTP, no variables, no sockets, on any engine', async () => {
    for (const name of ['book-api', 'book-api-sm']) {
      const imports = await importsOf(name);
      expect(
        imports.filter((n) => /^wasi:(http\/outgoing-handler|config|sockets)/.test(n)),
        name,
      ).toEqual([]);
    }
  });

  it('book-api on StarlingMonkey imports no randomness and no files either', async () => {
    const imports = await importsOf('book-api-sm');
    expect(imports.filter((n) => /^wasi:(random|filesystem)/.test(n))).toEqual([]);
  });

  it.each(['frontend-wit', 'frontend-py-wit'])('%s imports the catalog and no outgoing HTTP, no variables', async (name) => {
    const imports = await importsOf(name);
    expect(imports).toContain('bookserver:books/catalog');
    expect(imports).not.toContain('wasi:http/outgoing-handler');
    expect(imports).not.toContain('wasi:config/store');
  });

  it.each(['frontend-http', 'frontend-py-http'])('%s imports outgoing HTTP and the variables store, and no catalog', async (name) => {
    const imports = await importsOf(name);
    expect(imports).toEqual(expect.arrayContaining(['wasi:http/outgoing-handler', 'wasi:config/store']));
    expect(imports).not.toContain('bookserver:books/catalog');
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

  it("are the template's too, byte for byte (npm run wit:vendor writes both)", async () => {
    const [project, template] = VENDORED_WIT_DEPS;
    for (const pkg of VENDORED_WASI) {
      expect(await readFile(join(template, `${pkg}.wit`), 'utf8'), `${pkg}.wit`).toBe(await readFile(join(project, `${pkg}.wit`), 'utf8'));
    }
  });
});
