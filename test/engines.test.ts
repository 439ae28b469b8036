// Which files each build of the app serves (scripts/lib/engines.ts): the
// manifests written for book-api on an engine and a WASI version, and each
// frontend that calls it over HTTP on its own, so that chaining is served p2
// to p3, p3 to p2 and p3 to p3.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { type HttpFrontend, manifestFor, type WasiVersion } from '../scripts/lib/engines.js';
import { DEFAULT_ENGINE, engineNamed, manifestOf, type Wiring } from '../scripts/lib/project.js';

/** Each component of a manifest with the file it is served from, by name. */
async function sources(manifest: string): Promise<Record<string, string>> {
  const { component } = parse(await readFile(manifest, 'utf8')) as { component: Record<string, { source: string }> };
  return Object.fromEntries(Object.entries(component).map(([id, { source }]) => [id, basename(source)]));
}

describe('the manifest of a build', () => {
  it.each<[Wiring, WasiVersion, HttpFrontend[], Record<string, string>]>([
    ['chain', '0.3', [], { 'book-api': 'book-api-p3.wasm', frontend: 'frontend-http-p3.wasm' }],
    ['chain', '0.3', ['frontend-http'], { 'book-api': 'book-api-p3.wasm', frontend: 'frontend-http.wasm' }],
    ['chain', '0.2', ['frontend-http'], { 'book-api': 'book-api.wasm', frontend: 'frontend-http-p3.wasm' }],
    ['network', '0.2', ['frontend-http'], { 'book-api': 'book-api.wasm', frontend: 'frontend-http-p3.wasm' }],
    ['wit', '0.3', [], { frontend: 'bookserver-wit-p3.wasm' }],
    ['chain-py', '0.3', [], { 'book-api': 'book-api-p3.wasm', frontend: 'frontend-py-http-p3.wasm' }],
    ['chain-py', '0.3', ['frontend-py-http'], { 'book-api': 'book-api-p3.wasm', frontend: 'frontend-py-http.wasm' }],
    ['chain-py', '0.2', ['frontend-py-http'], { 'book-api': 'book-api.wasm', frontend: 'frontend-py-http-p3.wasm' }],
    ['wit-py', '0.3', [], { frontend: 'bookserver-wit-py-p3.wasm' }],
  ])('serves %s with book-api on WASI %s and %j on the other version from its files', async (wiring, wasi, crossing, expected) => {
    expect(await sources(await manifestFor(wiring, DEFAULT_ENGINE, wasi, crossing))).toEqual(expected);
  });

  it('is the manifest itself for the default engine with everything on WASI 0.2', async () => {
    expect(await manifestFor('chain', DEFAULT_ENGINE, '0.2', [])).toBe(manifestOf('chain'));
  });

  it('keeps frontend-http apart from the engine book-api is built on', async () => {
    expect(await sources(await manifestFor('chain', engineNamed('starlingmonkey'), '0.2', ['frontend-http']))).toEqual({
      'book-api': 'book-api-sm.wasm',
      frontend: 'frontend-http-p3.wasm',
    });
  });

  it('is refused for WASI 0.3 on an engine it is not built on, naming both', async () => {
    await expect(manifestFor('chain', engineNamed('starlingmonkey'), '0.3')).rejects.toThrow(
      'WASI 0.3 is built on quickjs only, not starlingmonkey',
    );
  });
});
