// The Spin manifests of the four wirings, and of the benchmark's floor: valid
// for real Spin (checked with Spin's own schema) and wired the way each needs.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, ManifestError, parseManifest, resolveApp, type App, type SpinManifest } from '../runtime/index.js';
import { allowsChaining, allowsUrl } from '../runtime/outbound/allowed-hosts.js';
import { manifestFor } from '../scripts/lib/engines.js';
import { DEFAULT_ENGINE, FLOORS, type FloorWasi, floorManifest, ROOT, WIRINGS, type Wiring, wasmPath } from '../scripts/lib/project.js';
import { builtInterfaces } from '../scripts/lib/wit.js';
import { HTTP_HANDLER, unversioned } from '../runtime/component/interface-names.js';

const file = (wiring: Wiring): string => join(ROOT, WIRINGS[wiring]);
const load = (wiring: Wiring): Promise<SpinManifest> => loadManifest(file(wiring));
/** The token every manifest requires, as a user gives it. */
const TOKEN = { SPIN_VARIABLE_API_TOKEN: 't' };
/** As the runtime resolves it, every variable at its default but the token. */
const resolved = async (wiring: Wiring): Promise<App> => resolveApp(file(wiring), await load(wiring), { env: TOKEN });

const routeOf = (manifest: SpinManifest, component: string): unknown =>
  manifest.trigger.http?.find((trigger) => trigger.component === component)?.route;

describe.each(Object.keys(WIRINGS) as Wiring[])('%s wiring', (wiring) => {
  it("is valid against Spin's manifest schema", async () => {
    await expect(load(wiring)).resolves.toMatchObject({ spin_manifest_version: 2 });
  });

  it('serves the frontend at / and builds every component it runs', async () => {
    const manifest = await load(wiring);
    expect(routeOf(manifest, 'frontend')).toBe('/');
    for (const [id, component] of Object.entries(manifest.component ?? {})) {
      expect(component.build?.command, `component ${id} has no build command`).toMatch(/^npm run build/);
      expect(existsSync(join(ROOT, String(component.source))), `${id}: ${String(component.source)} is not built`).toBe(true);
    }
  });
});

describe('network wiring', () => {
  it('routes /api publicly to book-api and lets the frontend call it on loopback', async () => {
    const manifest = await load('network');
    expect(routeOf(manifest, 'book-api')).toBe('/api/...');
    const frontend = (await resolved('network')).components.get('frontend');
    const url = new URL(frontend?.variables.get('book_api_url') ?? '');
    expect(url.href).toBe('http://127.0.0.1:3000/api');
    expect(allowsUrl(frontend?.allowedHosts ?? [], url)).toBe(true);
    expect(frontend?.wasm).toBe(join(ROOT, 'build/frontend-http.wasm'));
  });

  it('moves the URL and the permission together when api_origin changes', async () => {
    const app = resolveApp(file('network'), await load('network'), {
      env: { ...TOKEN, SPIN_VARIABLE_API_ORIGIN: 'http://127.0.0.1:4000' },
    });
    const frontend = app.components.get('frontend');
    expect(frontend?.variables.get('book_api_url')).toBe('http://127.0.0.1:4000/api');
    expect(allowsUrl(frontend?.allowedHosts ?? [], new URL('http://127.0.0.1:4000/api'))).toBe(true);
    expect(allowsUrl(frontend?.allowedHosts ?? [], new URL('http://127.0.0.1:3000/api'))).toBe(false);
  });
});

describe('chain wiring', () => {
  it('keeps book-api private and has the frontend reach it through spin.internal', async () => {
    const manifest = await load('chain');
    expect(routeOf(manifest, 'book-api')).toEqual({ private: true });
    const app = await resolved('chain');
    expect(app.privateComponents).toEqual(['book-api']);
    const frontend = app.components.get('frontend');
    expect(frontend?.variables.get('book_api_url')).toBe('http://book-api.spin.internal/api');
    expect(allowsChaining(frontend?.allowedHosts ?? [], 'book-api')).toBe(true);
    expect(manifest.component?.frontend.allowed_outbound_hosts).toEqual(['http://book-api.spin.internal']);
  });
});

describe('wit wiring', () => {
  it('runs the composed component alone, with no outbound permission', async () => {
    const app = await resolved('wit');
    expect([...app.components.keys()]).toEqual(['frontend']);
    expect(app.components.get('frontend')?.wasm).toBe(join(ROOT, 'build/bookserver-wit.wasm'));
    expect(app.components.get('frontend')?.allowedHosts).toEqual([]);
  });
});

describe('deps wiring', () => {
  it('runs the frontend alone, with book-api as a dependency that satisfies its catalog import and inherits the store and the variables only', async () => {
    const app = await resolved('deps');
    expect([...app.components.keys()]).toEqual(['frontend']);
    const frontend = app.components.get('frontend');
    expect(frontend?.wasm).toBe(join(ROOT, 'build/frontend-wit.wasm'));
    expect(frontend?.allowedHosts).toEqual([]);
    expect(frontend?.dependencies.map((d) => ({ name: d.name.key, wasm: d.wasm, inherits: [...d.inherits] }))).toEqual([
      { name: 'bookserver:books/catalog@0.1.0', wasm: join(ROOT, 'build/book-api.wasm'), inherits: ['key_value_stores', 'variables'] },
    ]);
  });
});

describe('the writes', () => {
  it.each(Object.keys(WIRINGS) as Wiring[])(
    '%s: need the token, a secret with no default, which only what holds book-api is given, with the store',
    async (wiring) => {
      const manifest = await load(wiring);
      expect(manifest.variables?.api_token).toEqual({ required: true, secret: true });
      expect(() => resolveApp(file(wiring), manifest, { env: {} })).toThrow(/variables\.api_token is required but has no value/);
      const app = await resolved(wiring);
      const holder = app.components.get(app.components.has('book-api') ? 'book-api' : 'frontend');
      expect(holder?.variables.get('api_token')).toBe('t');
      expect(holder?.keyValueStores).toEqual(['default']);
      const others = [...app.components.values()].filter((component) => component !== holder);
      for (const other of others) {
        expect(other.variables.has('api_token'), other.id).toBe(false);
        expect(other.keyValueStores, other.id).toEqual([]);
      }
    },
  );
});

describe('every manifest at the root', () => {
  it('is a wiring or a floor, and so checked here', async () => {
    const shipped = (await readdir(ROOT)).filter((name) => /^spin(\..+)?\.toml$/.test(name));
    expect(shipped.sort()).toEqual([...Object.values(WIRINGS), ...Object.values(FLOORS)].sort());
  });
});

describe.each(Object.keys(FLOORS) as FloorWasi[])('the floor on WASI %s', (wasi) => {
  const name = wasi === '0.2' ? 'floor-p2' : 'floor-p3';

  it("is valid against Spin's manifest schema: the page's route to one component, which may reach nothing", async () => {
    const manifest = await loadManifest(floorManifest(wasi));
    expect(manifest.trigger.http).toEqual([{ route: '/', component: 'floor' }]);
    expect(manifest.variables).toBeUndefined();
    expect(manifest.component).toEqual({
      floor: {
        source: `build/${name}.wasm`,
        allowed_outbound_hosts: [],
        build: expect.objectContaining({ command: `npm run build -- ${name}` }),
      },
    });
    expect(existsSync(join(ROOT, 'build', `${name}.wasm`)), `build/${name}.wasm is not built`).toBe(true);
  });

  it("runs a component that serves HTTP on WASI's own handler of that version, and exports nothing else", async () => {
    const { exports } = await builtInterfaces(join(ROOT, 'build', `${name}.wasm`));
    expect(exports.map(unversioned)).toEqual([HTTP_HANDLER[wasi]]);
  });
});

describe('a broken manifest', () => {
  const valid =
    'spin_manifest_version = 2\n[application]\nname = "x"\n[[trigger.http]]\nroute = "/"\ncomponent = "a"\n[component.a]\nsource = "a.wasm"\n';

  it('is accepted when it is not broken', () => {
    expect(parseManifest('ok.toml', valid).component?.a.source).toBe('a.wasm');
  });

  it.each([
    ['a misspelt key', valid.replace('source =', 'sorce ='), /bad\.toml.*\n.*component\.a: missing key "source"[\s\S]*unknown key "sorce"/],
    [
      'a private route that is not a boolean',
      valid.replace('route = "/"', 'route = { private = "yes" }'),
      /trigger\.http\.0\.route\.private: must be boolean/,
    ],
    ['another manifest version', valid.replace('= 2', '= 1'), /spin_manifest_version: must be >= 2/],
    ['broken TOML', valid.replace('[application]', '[application'), /^bad\.toml:2:\d+: invalid TOML/],
  ])('is rejected for %s, naming the file and the key', (_case, text, message) => {
    expect(() => parseManifest('bad.toml', text)).toThrow(ManifestError);
    expect(() => parseManifest('bad.toml', text)).toThrow(message);
  });
});

describe('the WASI 0.3 manifests', () => {
  /** What each component of `wiring` runs on WASI 0.3 (test/engines.test.ts: each build's files). */
  async function sources(wiring: Wiring): Promise<Record<string, string>> {
    const manifest = await manifestFor(wiring, DEFAULT_ENGINE, '0.3');
    const app = resolveApp(manifest, await loadManifest(manifest), { env: TOKEN });
    return Object.fromEntries([...app.components].map(([id, component]) => [id, component.wasm]));
  }

  it.each([
    ['wit', { frontend: 'bookserver-wit-p3' }],
    ['chain-py', { 'book-api': 'book-api-p3', frontend: 'frontend-py-http-p3' }],
    ['wit-py', { frontend: 'bookserver-wit-py-p3' }],
  ] as const)('serve %s with the WASI 0.3 builds, as the runtime resolves the manifest', async (wiring, files) => {
    const wanted = Object.fromEntries(Object.entries(files).map(([id, name]) => [id, wasmPath(name)]));
    expect(await sources(wiring)).toEqual(wanted);
  });
});
