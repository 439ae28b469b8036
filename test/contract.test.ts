// The built components against the contract in wit/: each exports exactly
// what its world exports and imports what its world imports, plus only the
// little the JavaScript engine itself needs.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GUESTS, STARLINGMONKEY, VENDORED_WASI, WIT_DIR, wasmPath } from '../scripts/lib/project.js';
import { unversioned } from '../runtime/index.js';
import { builtInterfaces, worldInterfaces } from '../scripts/lib/wit.js';

/** What StarlingMonkey imports however little a component uses: stderr for its own errors, the wall clock for Date. */
const ENGINE_BASELINE = ['wasi:cli/stderr', 'wasi:clocks/wall-clock'];

describe.each(GUESTS.map((guest) => [guest.name, guest.world]))('%s', (name, worldName) => {
  it('exports exactly what its world exports', async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath(name)), worldInterfaces(WIT_DIR, worldName)]);
    expect(built.exports).toEqual(world.exports);
  });

  it("imports its world's interfaces and nothing else but the engine's baseline", async () => {
    const [built, world] = await Promise.all([builtInterfaces(wasmPath(name)), worldInterfaces(WIT_DIR, worldName)]);
    const builtNames = built.imports.map(unversioned);
    const worldNames = world.imports.map(unversioned);
    expect(worldNames.filter((n) => !builtNames.includes(n))).toEqual([]);
    expect(builtNames.filter((n) => !worldNames.includes(n)).sort()).toEqual(ENGINE_BASELINE);
  });
});

describe('least privilege', () => {
  const importsOf = async (name: string): Promise<string[]> => (await builtInterfaces(wasmPath(name))).imports.map(unversioned);

  it('book-api imports no outgoing HTTP, no variables, no randomness, no files, no sockets', async () => {
    const imports = await importsOf('book-api');
    expect(imports.filter((n) => /^wasi:(http\/outgoing-handler|config|random|filesystem|sockets)/.test(n))).toEqual([]);
  });

  it('frontend-wit imports the catalog and no outgoing HTTP', async () => {
    const imports = await importsOf('frontend-wit');
    expect(imports).toContain('bookserver:books/catalog');
    expect(imports).not.toContain('wasi:http/outgoing-handler');
  });

  it('frontend-http imports outgoing HTTP and the variables store, and no catalog', async () => {
    const imports = await importsOf('frontend-http');
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
