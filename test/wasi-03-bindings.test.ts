// The local runtime's fix to jco-transpile 0.15's WASI 0.3 bindings
// (runtime/component/bindings-fix.ts): a resource the host returns from an
// async import is filed in the handle table it belongs to, so that a guest
// calling wasi:http/client@0.3.0 again on the same instance finds the answer.
import { describe, expect, it } from 'vitest';
import { AsyncComponent } from '../runtime/component/async-component.js';
import { fixOwnLowering } from '../runtime/component/bindings-fix.js';
import { compileComponent } from '../runtime/index.js';
import { wasmPath } from '../scripts/lib/project.js';
import { sentence } from './support/http.js';

/** A lowering as jco-transpile 0.15 writes it: the handle filed in table 10, the capture table's namesake, not in table 21. */
const lowering = (table: number): string => `_lowerFlatOwn({
          componentIdx: 3,
          tableIdx: 21,
          lowerFn: 
          function lowerImportedOwnedHost_Response(obj) {
            if (!(obj instanceof Response)) {
              throw new TypeError('Resource error: Not a valid "Response" resource.');
            }
            let handle = obj[symbolRscHandle];
            if (!handle) {
              const rep = obj[symbolRscRep] || ++captureCnt10;
              captureTable10.set(rep, obj);
              handle = rscTableCreateOwn(handleTable${table}, rep);
            }
            return handle;
          }`;

describe('the fix to the WASI 0.3 bindings', () => {
  it('files an owned host resource in the table its lowering names, and leaves a right one alone', () => {
    expect(fixOwnLowering(lowering(10))).toBe(lowering(21));
    expect(fixOwnLowering(lowering(21))).toBe(lowering(21));
  });

  it('lets one instance of frontend-http-p3 call book-api request after request', async () => {
    const component = await AsyncComponent.fromCompiled(await compileComponent(wasmPath('frontend-http-p3')));
    const answer = { title: 'My Ántonia', author: 'Willa Cather' };
    const instance = await component.instantiate({
      variables: new Map([['book_api_url', 'http://book-api.spin.internal/api']]),
      stdout: () => undefined,
      send: async () => ({
        ok: true,
        response: { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(answer)) },
      }),
    });
    for (let i = 0; i < 3; i++) {
      const response = await component.serve(instance, {
        method: 'GET',
        scheme: 'http',
        authority: 'localhost',
        pathWithQuery: '/?weekday=3',
        headers: [],
        body: new Uint8Array(),
      });
      expect({ status: response.status, body: Buffer.from(response.body).toString() }).toEqual({ status: 200, body: sentence(3) });
    }
  }, 120_000);
});
