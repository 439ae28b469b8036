// The composed components, as `npm run compose` made them with wac: book-api
// inside frontend-wit (TypeScript) and inside frontend-py-wit (Python).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Component } from '../runtime/index.js';
import { unversioned } from '../runtime/index.js';
import { COMPOSITIONS, wasmPath } from '../scripts/lib/project.js';
import { builtInterfaces, builtLanguages } from '../scripts/lib/wit.js';
import { bodyText, get, header, loadBuilt, MONDAY, sentence } from './support/http.js';
import { bookApiHost, TEST_TOKEN } from './support/stores.js';

/**
 * The frontends with book-api inside, on every engine (the composition
 * book-api is tested with book-api's other faces), on WASI 0.2: `Component`
 * serves WASI 0.2 in process; test/conformance serves the WASI 0.3 ones, on
 * both runtimes.
 */
const FRONTENDS = COMPOSITIONS.filter((composition) => composition.name.startsWith('bookserver-wit') && composition.wasi === undefined);

describe.each(FRONTENDS.map((composition) => [composition.name, composition] as const))('%s', (name, composition) => {
  let composed: Component;
  beforeAll(async () => {
    composed = await loadBuilt(name);
  }, 120_000);

  it.each([0, 1, 2, 3, 4, 5, 6])('serves the sentence for weekday %i', (day) => {
    const response = composed.serveOnce(get(`/?weekday=${day}`), bookApiHost({ stdout: () => {} }));
    expect(response.status).toBe(200);
    expect(header(response, 'content-type')).toBe('text/plain; charset=utf-8');
    expect(bodyText(response)).toBe(sentence(day));
  });

  it("serves today's sentence from the clock the host gives it", () => {
    expect(bodyText(composed.serveOnce(get('/'), bookApiHost({ clock: MONDAY, stdout: () => {} })))).toBe(sentence(1));
    const saturday = (): number => Date.UTC(2026, 10, 28, 23, 59);
    expect(bodyText(composed.serveOnce(get('/'), bookApiHost({ clock: saturday, stdout: () => {} })))).toBe(sentence(6));
  });

  it('takes a write with its body and token, and serves it back from the store', () => {
    const host = bookApiHost({ stdout: () => {} });
    const added = composed.serveOnce(
      get('/books', {
        method: 'POST',
        headers: [
          ['content-type', 'application/json'],
          ['authorization', `Bearer ${TEST_TOKEN}`],
        ],
        body: new TextEncoder().encode('{"title":"Piranesi","author":"Susanna Clarke"}'),
      }),
      host,
    );
    expect({ status: added.status, body: bodyText(added) }).toEqual({
      status: 201,
      body: 'Added 8. _Piranesi_ by Susanna Clarke (version 1)',
    });
    expect(bodyText(composed.serveOnce(get('/books/8'), host))).toBe('8. _Piranesi_ by Susanna Clarke (version 1)');
  });

  it('runs with no catalog import and no outgoing HTTP', async () => {
    const { imports, exports } = await builtInterfaces(wasmPath(name));
    expect(exports.map(unversioned)).toEqual(['wasi:http/incoming-handler']);
    expect(imports.map(unversioned)).not.toContain('bookserver:books/catalog');
    expect(imports.map(unversioned)).not.toContain('wasi:http/outgoing-handler');
  });

  it('imports only what its parts import', async () => {
    const parts = await Promise.all(Object.values(composition.deps).map((guest) => builtInterfaces(wasmPath(guest))));
    const allowed = new Set(parts.flatMap((part) => part.imports));
    const { imports } = await builtInterfaces(wasmPath(name));
    expect(imports.filter((imported) => !allowed.has(imported))).toEqual([]);
  });
});

describe('the composition of two languages', () => {
  // componentize-js marks its components as JavaScript; componentize-qjs leaves only its Rust runtime's mark.
  it('carries StarlingMonkey and CPython behind one incoming-handler', async () => {
    expect(await builtLanguages(wasmPath('bookserver-wit-py-sm'))).toEqual(['JavaScript', 'Python']);
    expect(await builtLanguages(wasmPath('bookserver-wit-sm'))).toEqual(['JavaScript']);
  });
});
