// The built components against the contract in wit/: each exports exactly
// what its world exports and imports what its world imports, plus only what
// its language's engine itself needs.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type Guest, GUESTS, STARLINGMONKEY, VENDORED_WASI, WIT_DIR, wasmPath } from '../scripts/lib/project.js';
import { unversioned } from '../runtime/index.js';
import { builtInterfaces, worldInterfaces } from '../scripts/lib/wit.js';

/** What each engine imports however little a component uses. */
const ENGINE_BASELINE: Record<Exclude<Guest['language'], 'wat'>, string[]> = {
  // StarlingMonkey: stderr for its own errors, the wall clock for Date.
  typescript: ['wasi:cli/stderr', 'wasi:clocks/wall-clock'],
  // CPython, through componentize-py's WASI libc: a whole POSIX-like system, sockets included.
  python: [
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

const APP_GUESTS = GUESTS.flatMap((guest) => (guest.language === 'wat' ? [] : [[guest.name, guest.world, guest.language] as const]));

describe.each(APP_GUESTS)('%s', (name, worldName, language) => {
  it('exports exactly what its world exports', async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath(name)), worldInterfaces(WIT_DIR, worldName)]);
    expect(built.exports).toEqual(world.exports);
  });

  it("imports its world's interfaces and nothing else but the engine's baseline", async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath(name)), worldInterfaces(WIT_DIR, worldName)]);
    const builtNames = built.imports.map(unversioned);
    const worldNames = world.imports.map(unversioned);
    expect(worldNames.filter((n) => !builtNames.includes(n))).toEqual([]);
    expect(builtNames.filter((n) => !worldNames.includes(n)).sort()).toEqual(ENGINE_BASELINE[language]);
  });
});

describe('least privilege', () => {
  const importsOf = async (name: string): Promise<string[]> => (await builtInterfaces(wasmPath(name))).imports.map(unversioned);

  it('book-api imports no outgoing HTTP, no variables, no randomness, no files, no sockets', async () => {
    const imports = await importsOf('book-api');
    expect(imports.filter((n) => /^wasi:(http\/outgoing-handler|config|random|filesystem|sockets)/.test(n))).toEqual([]);
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
});
