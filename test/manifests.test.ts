// The Spin manifests of the three wirings: valid for real Spin (checked with
// Spin's own schema) and wired the way each wiring needs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, ManifestError, parseManifest, type SpinManifest } from '../runtime/manifest.js';
import { ROOT } from '../scripts/lib/project.js';

const WIRINGS = { chain: 'spin.toml', network: 'spin.network.toml', wit: 'spin.wit.toml' } as const;
const load = (wiring: keyof typeof WIRINGS): Promise<SpinManifest> => loadManifest(join(ROOT, WIRINGS[wiring]));

/** A component variable with its `{{ app_variable }}` template filled from the application defaults. */
function resolvedVariable(manifest: SpinManifest, component: string, name: string): string | undefined {
  const template = manifest.component?.[component]?.variables?.[name];
  return template?.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/g, (_, app: string) => manifest.variables?.[app]?.default ?? '');
}

const routeOf = (manifest: SpinManifest, component: string): unknown =>
  manifest.trigger.http?.find((trigger) => trigger.component === component)?.route;

describe.each(Object.entries(WIRINGS))('%s wiring (%s)', (wiring) => {
  it("is valid against Spin's manifest schema", async () => {
    await expect(load(wiring as keyof typeof WIRINGS)).resolves.toMatchObject({ spin_manifest_version: 2 });
  });

  it('serves the frontend at / and builds every component it runs', async () => {
    const manifest = await load(wiring as keyof typeof WIRINGS);
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
    const url = new URL(resolvedVariable(manifest, 'frontend', 'book_api_url') ?? '');
    expect(url.hostname).toBe('127.0.0.1');
    expect(manifest.component?.frontend.allowed_outbound_hosts).toContain(url.origin);
    expect(manifest.component?.frontend.source).toBe('build/frontend-http.wasm');
  });
});

describe('chain wiring', () => {
  it('keeps book-api private and has the frontend reach it through spin.internal', async () => {
    const manifest = await load('chain');
    expect(routeOf(manifest, 'book-api')).toEqual({ private: true });
    expect(resolvedVariable(manifest, 'frontend', 'book_api_url')).toBe('http://book-api.spin.internal/api');
    expect(manifest.component?.frontend.allowed_outbound_hosts).toEqual(['http://book-api.spin.internal']);
  });
});

describe('wit wiring', () => {
  it('runs the composed component alone, with no outbound permission', async () => {
    const manifest = await load('wit');
    expect(Object.keys(manifest.component ?? {})).toEqual(['frontend']);
    expect(manifest.component?.frontend.source).toBe('build/bookserver-wit.wasm');
    expect(manifest.component?.frontend.allowed_outbound_hosts).toEqual([]);
  });
});

describe('a broken manifest', () => {
  const valid = 'spin_manifest_version = 2\n[application]\nname = "x"\n[[trigger.http]]\nroute = "/"\ncomponent = "a"\n[component.a]\nsource = "a.wasm"\n';

  it('is accepted when it is not broken', () => {
    expect(parseManifest('ok.toml', valid).component?.a.source).toBe('a.wasm');
  });

  it.each([
    ['a misspelt key', valid.replace('source =', 'sorce ='), /bad\.toml.*\n.*component\.a: missing key "source"[\s\S]*unknown key "sorce"/],
    ['a private route that is not a boolean', valid.replace('route = "/"', 'route = { private = "yes" }'), /trigger\.http\.0\.route\.private: must be boolean/],
    ['another manifest version', valid.replace('= 2', '= 1'), /spin_manifest_version: must be >= 2/],
    ['broken TOML', valid.replace('[application]', '[application'), /^bad\.toml:2:\d+: invalid TOML/],
  ])('is rejected for %s, naming the file and the key', (_case, text, message) => {
    expect(() => parseManifest('bad.toml', text)).toThrow(ManifestError);
    expect(() => parseManifest('bad.toml', text)).toThrow(message);
  });
});
