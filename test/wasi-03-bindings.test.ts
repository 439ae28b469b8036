// The local runtime's fixes to jco-transpile 0.15's WASI 0.3 bindings
// (runtime/component/bindings-fix.ts, bindings-retention.ts): a resource the
// host returns from an async import is filed in the handle table it belongs
// to, so that a guest calling wasi:http/client@0.3.0 again on the same
// instance finds the answer; and an instance keeps nothing of a request it
// has answered.
import { describe, expect, it } from 'vitest';
import { AsyncComponent, type AsyncInstance } from '../runtime/component/async-component.js';
import { fixOwnLowering } from '../runtime/component/bindings-fix.js';
import { fixRetention } from '../runtime/component/bindings-retention.js';
import { compileComponent } from '../runtime/index.js';
import { wasmPath } from '../scripts/lib/project.js';
import { liveObjects } from './support/heap.js';
import { get, sentence } from './support/http.js';

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

/** frontend-http-p3, one instance, whose `send` answers with Wednesday's book. */
async function frontendWithAnswer(): Promise<{ component: AsyncComponent; instance: AsyncInstance }> {
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
  return { component, instance };
}

describe('the fix to the WASI 0.3 bindings', () => {
  it('files an owned host resource in the table its lowering names, and leaves a right one alone', () => {
    expect(fixOwnLowering(lowering(10))).toBe(lowering(21));
    expect(fixOwnLowering(lowering(21))).toBe(lowering(21));
  });

  it('lets one instance of frontend-http-p3 call book-api request after request', async () => {
    const { component, instance } = await frontendWithAnswer();
    for (let i = 0; i < 3; i++) {
      const response = await component.serve(instance, get('/?weekday=3'));
      expect({ status: response.status, body: Buffer.from(response.body).toString() }).toEqual({ status: 200, body: sentence(3) });
    }
  }, 120_000);
});

/** What the retention fix rewrites, one of each, as jco-transpile 0.15 writes it (the stream helper only where a component lowers a stream). */
const RETAINING = [
  "const FUTURES = new RepTable({ target: 'global future map' });",
  "const STREAMS = new RepTable({ target: 'global stream map' });",
  'stream.setGlobalStreamMapRep(STREAMS.insert(stream));',
  'instanceBuffers.set(nextBufID, buffer);',
  'return [ stream, ctx ];',
  'return new Stream({',
  'return futureEnd.promise();',
  'const { promise, hostWriteEnd, stringEncoding, getReallocFn } = genArgs;',
];

/** The classes whose objects a request makes in an instance's bindings and the fix lets go. */
const PER_REQUEST = [
  'AsyncTask',
  'HostFuture',
  'StreamReadableEnd',
  'StreamWritableEnd',
  'FutureReadableEnd',
  'FutureWritableEnd',
  'ManagedBuffer',
];

describe('what a WASI 0.3 instance keeps of a request', () => {
  it('rewrites each place the bindings retain, and refuses bindings it does not know', () => {
    const fixed = fixRetention(RETAINING.join('\n'));
    expect(fixed).toContain('const FUTURES = new WeakRepTable();');
    expect(fixed).toContain('const STREAMS = new WeakRepTable();');
    expect(fixed).not.toContain('instanceBuffers.set(');
    expect(fixed.match(/leaveTables\(/g)?.length).toBe(4 + 1);
    expect(() => fixRetention(RETAINING.slice(1).join('\n'))).toThrow(
      /finds "const FUTURES = new RepTable\(\{ target: 'global future map' \}\);" 0 times, not 1/,
    );
    expect(() => fixRetention([...RETAINING, 'BUFFER_MGR.getBuffer(0, 1n);'].join('\n'))).toThrow(
      /cannot apply where the bindings have "BUFFER_MGR.getBuffer\("/,
    );
  });

  // The floor is Rust (wasip3); frontend-http-p3 is the project's QuickJS
  // face and client, whose futures are dropped once written (quickjs-handles.ts).
  const instances: [string, () => Promise<{ component: AsyncComponent; instance: AsyncInstance }>][] = [
    [
      'floor-p3',
      async () => {
        const component = await AsyncComponent.fromCompiled(await compileComponent(wasmPath('floor-p3')));
        return { component, instance: await component.instantiate({ stdout: () => undefined }) };
      },
    ],
    ['frontend-http-p3', frontendWithAnswer],
  ];

  it.each(instances)(
    'lets go of each request once it is answered: one instance of %s, 100 requests apart',
    async (_name, start) => {
      const { component, instance } = await start();
      const serve = async (times: number): Promise<void> => {
        for (let i = 0; i < times; i++) expect((await component.serve(instance, get('/?weekday=3'))).status).toBe(200);
      };
      await serve(10);
      const before = await liveObjects(PER_REQUEST);
      await serve(100);
      const after = await liveObjects(PER_REQUEST);
      // A few may be in flight or kept by the last request; one a request is what the bindings did unfixed.
      for (const name of PER_REQUEST) expect(after[name] - before[name], name).toBeLessThan(10);
    },
    120_000,
  );
});
