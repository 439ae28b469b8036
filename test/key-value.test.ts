// The key-value store below the HTTP level: Spin's SQLite table and what
// each call does to it, two connections racing as two workers do, the
// wasi:keyvalue host a guest calls, and the calls a worker sends the main
// thread for a store kept there, and the deny adapter that stands in for the
// host when a dependency does not inherit key_value_stores. What a guest sees on both runtimes is in
// test/conformance/key-value.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { beforeEach, describe, expect, it } from 'vitest';
import { DENY_ADAPTERS, denyAdapterComponent } from '../runtime/compose/deny-adapters.js';
import { planComposition } from '../runtime/compose/plan.js';
import { AppStores } from '../runtime/key-value/app-stores.js';
import { Cas, keyValueAtomics, keyValueBatch, keyValueStore } from '../runtime/key-value/host.js';
import { perform, RemoteStore, type StoreReply } from '../runtime/key-value/operations.js';
import { SqliteStore } from '../runtime/key-value/spin/sqlite-store.js';
import { type Store, StoreError } from '../runtime/key-value/store.js';
import type { Race } from './support/key-value-racer.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined => (value === undefined ? undefined : new TextDecoder().decode(value));
const scratchFile = async (): Promise<string> => join(await mkdtemp(join(tmpdir(), 'key-value-')), 'sqlite_key_value.db');

describe("Spin's SQLite store", () => {
  let file: string;
  let store: SqliteStore;
  beforeEach(async () => {
    file = await scratchFile();
    store = new SqliteStore(file, 'default');
    return () => store.close();
  });

  it("keeps Spin's table, with Spin's rollback journal and synchronous FULL", () => {
    const db = new DatabaseSync(file);
    try {
      expect(db.prepare('PRAGMA table_info(spin_key_value)').all()).toEqual([
        { cid: 0, name: 'store', type: 'TEXT', notnull: 1, dflt_value: null, pk: 1 },
        { cid: 1, name: 'key', type: 'TEXT', notnull: 1, dflt_value: null, pk: 2 },
        { cid: 2, name: 'value', type: 'BLOB', notnull: 1, dflt_value: null, pk: 0 },
      ]);
      expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
      expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    } finally {
      db.close();
    }
  });

  it('sets, reads, lists and deletes, each label on its own rows of the file', () => {
    const other = new SqliteStore(file, 'other');
    try {
      store.set('a', bytes('1'));
      store.set('a', bytes('2'));
      store.set('b', bytes('3'));
      other.set('a', bytes('elsewhere'));
      expect([text(store.get('a')), store.exists('b'), store.exists('c'), store.get('c')]).toEqual(['2', true, false, undefined]);
      expect(store.keys()).toEqual(['a', 'b']);
      store.delete('a');
      store.delete('never-there');
      expect(store.keys()).toEqual(['b']);
      expect(text(other.get('a'))).toBe('elsewhere');
      const db = new DatabaseSync(file);
      expect(db.prepare('SELECT store, key FROM spin_key_value ORDER BY store, key').all()).toEqual([
        { store: 'default', key: 'b' },
        { store: 'other', key: 'a' },
      ]);
      db.close();
    } finally {
      other.close();
    }
  });

  it('gets many, leaving out the keys that hold nothing, sets many and deletes many', () => {
    store.setMany([
      ['b', bytes('2')],
      ['a', bytes('1')],
    ]);
    expect(store.getMany(['b', 'missing', 'a']).map(([key, value]) => [key, text(value)])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    store.deleteMany(['a', 'missing']);
    expect(store.keys()).toEqual(['b']);
  });

  it('increments a little-endian i64, from 0 when absent, wrapping as Spin does', () => {
    expect(store.increment('n', 5n)).toBe(5n);
    expect(store.increment('n', -7n)).toBe(-2n);
    expect([...(store.get('n') ?? [])]).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    store.set('max', Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f));
    expect(store.increment('max', 1n)).toBe(-(2n ** 63n));
  });

  it('traps on incrementing a value that is not 8 bytes, as Spin panics, and leaves it as it was', () => {
    store.set('word', bytes('hello'));
    expect(() => store.increment('word', 1n)).toThrow(/the value is 5 bytes, not the 8 of a counter/);
    expect(() => store.increment('word', 1n)).not.toThrow(StoreError);
    expect(text(store.get('word'))).toBe('hello');
  });

  it('swaps only what is still there; with nothing seen, writes over whatever is', () => {
    store.set('k', bytes('old'));
    expect(store.swap('k', bytes('stale'), bytes('new'))).toBe(false);
    expect(text(store.get('k'))).toBe('old');
    expect(store.swap('k', bytes('old'), bytes('new'))).toBe(true);
    expect(text(store.get('k'))).toBe('new');
    expect(store.swap('k', undefined, bytes('over'))).toBe(true);
    expect(store.swap('fresh', undefined, bytes('created'))).toBe(true);
    expect([text(store.get('k')), text(store.get('fresh'))]).toEqual(['over', 'created']);
  });

  it('tells the guest when it cannot open its file', () => {
    expect(() => new SqliteStore('/nonexistent-folder/store.db', 'default')).toThrow(StoreError);
  });
});

describe('two connections racing, as two workers', () => {
  /** Runs one racer per job, each in a worker thread of its own on `file`, and resolves with what each posted. */
  async function race(file: string, jobs: Race['job'][]): Promise<unknown[]> {
    const gate = new SharedArrayBuffer(4);
    return Promise.all(
      jobs.map(
        (job) =>
          new Promise((resolve, reject) => {
            const racer = new Worker(new URL('./support/key-value-racer.ts', import.meta.url), {
              workerData: { file, job, gate, racers: jobs.length } satisfies Race,
              execArgv: ['--import', 'tsx'],
            });
            racer.once('message', resolve);
            racer.once('error', reject);
          }),
      ),
    );
  }

  it('lose no increment', async () => {
    const file = await scratchFile();
    new SqliteStore(file, 'default').close();
    // Each commit waits for the disk (synchronous FULL), and SQLite's busy wait is not fair: enough to interleave,
    // few enough that neither racer waits out the busy timeout while the other commits all of its own.
    const lasts = await race(file, [
      { kind: 'increment', count: 50 },
      { kind: 'increment', count: 50 },
    ]);
    const store = new SqliteStore(file, 'default');
    expect(store.increment('counter', 0n)).toBe(100n);
    expect(lasts).toContain(100n);
    store.close();
  }, 60_000);

  it('let exactly one swap of the same value win', async () => {
    const file = await scratchFile();
    const store = new SqliteStore(file, 'default');
    store.set('key', bytes('start'));
    const swapped = await race(file, [
      { kind: 'swap', value: 'first' },
      { kind: 'swap', value: 'second' },
      { kind: 'swap', value: 'third' },
    ]);
    expect(swapped.filter(Boolean)).toHaveLength(1);
    expect(text(store.get('key'))).toBe(['first', 'second', 'third'][swapped.indexOf(true)]);
    store.close();
  }, 60_000);
});

/** What a host call threw as its WIT error. */
function witError(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    if (error instanceof Error) throw error;
    return error;
  }
  throw new Error('the call returned');
}

describe('the wasi:keyvalue host', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = new SqliteStore(':memory:', 'default');
    return () => store.close();
  });
  const host = () =>
    keyValueStore({ labels: new Set(['default', 'undefined-here']), open: (label) => (label === 'default' ? store : undefined) });

  it("opens only a label the component's key_value_stores lists", () => {
    expect(witError(() => host().open('elsewhere'))).toEqual({ tag: 'access-denied' });
    expect(witError(() => host().open('undefined-here'))).toEqual({ tag: 'no-such-store' });
    expect(host().open('default')).toBeInstanceOf(host().Bucket);
  });

  it('lists every key at once, and refuses a cursor in Spin’s words', () => {
    const bucket = host().open('default');
    bucket.set('a', bytes('1'));
    expect(bucket.listKeys(undefined)).toEqual({ keys: ['a'], cursor: undefined });
    expect(witError(() => bucket.listKeys('a'))).toEqual({ tag: 'other', val: 'list_keys: cursor not supported' });
  });

  it('swaps what current() read; a swap that lost hands back a handle holding what is there now', () => {
    const bucket = host().open('default');
    bucket.set('k', bytes('v1'));
    const winner = Cas.new(bucket, 'k');
    expect(text(winner.current())).toBe('v1');
    const loser = Cas.new(bucket, 'k');
    loser.current();
    keyValueAtomics.swap(winner, bytes('v2'));
    const lost = witError(() => keyValueAtomics.swap(loser, bytes('v3'))) as { tag: string; val: Cas };
    expect(lost.tag).toBe('cas-failed');
    expect(text(lost.val.seen)).toBe('v2');
    keyValueAtomics.swap(lost.val, bytes('v3'));
    expect(text(bucket.get('k'))).toBe('v3');
  });

  it('writes over whatever is there when current() was never called, as Spin does', () => {
    const bucket = host().open('default');
    bucket.set('k', bytes('someone else'));
    keyValueAtomics.swap(Cas.new(bucket, 'k'), bytes('mine'));
    expect(text(bucket.get('k'))).toBe('mine');
  });

  it('increments, and answers empty batches without the store', () => {
    const bucket = host().open('default');
    expect(keyValueAtomics.increment(bucket, 'n', 3n)).toBe(3n);
    const untouchable = keyValueStore({ labels: new Set(['default']), open: () => ({}) as Store }).open('default');
    expect(keyValueBatch.getMany(untouchable, [])).toEqual([]);
    expect(() => keyValueBatch.setMany(untouchable, [])).not.toThrow();
    expect(() => keyValueBatch.deleteMany(untouchable, [])).not.toThrow();
  });

  it("tells the guest a store's failure as `other`, and traps on anything else", () => {
    const failing = {
      get: () => {
        throw new StoreError('database is locked');
      },
      increment: () => {
        throw new Error('a bug');
      },
    } as unknown as Store;
    const bucket = keyValueStore({ labels: new Set(['default']), open: () => failing }).open('default');
    expect(witError(() => bucket.get('k'))).toEqual({ tag: 'other', val: 'database is locked' });
    expect(witError(() => Cas.new(bucket, 'k').current())).toEqual({ tag: 'other', val: 'database is locked' });
    expect(() => keyValueAtomics.increment(bucket, 'k', 1n)).toThrow('a bug');
  });
});

describe('a store the main thread keeps', () => {
  it('answers a worker’s calls as the store would, its failures and traps included', () => {
    const store = new SqliteStore(':memory:', 'default');
    // What crosses between the threads is copied, as postMessage copies it.
    const remote = new RemoteStore('default', (request) => structuredClone(perform(store, structuredClone(request)) as StoreReply));
    remote.setMany([['a', bytes('1')]]);
    expect(text(remote.get('a'))).toBe('1');
    expect(remote.increment('n', 2n)).toBe(2n);
    expect(remote.swap('a', bytes('1'), bytes('2'))).toBe(true);
    expect(remote.keys()).toEqual(['a', 'n']);
    expect(() => remote.increment('a', 1n)).toThrow(/the value is 1 bytes/);
    expect(() => remote.increment('a', 1n)).not.toThrow(StoreError);
    store.close();
    const busy = {
      get: () => {
        throw new StoreError('database is locked');
      },
    } as unknown as Store;
    expect(() => new RemoteStore('default', (request) => perform(busy, request) as StoreReply).get('a')).toThrow(
      new StoreError('database is locked'),
    );
  });

  it('is one database for every worker of the app, and makes the folders of the stores in files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'app-stores-'));
    const stores = new AppStores(
      new Map([
        ['default', { type: 'spin' }],
        ['files', { type: 'spin', path: join(dir, 'nested', 'files.db') }],
      ]),
    );
    try {
      expect(existsSync(join(dir, 'nested'))).toBe(true);
      await stores.answer({ label: 'default', method: 'set', args: ['shared', bytes('yes')] });
      expect(await stores.answer({ label: 'default', method: 'get', args: ['shared'] })).toEqual({ ok: true, value: bytes('yes') });
      expect(await stores.answer({ label: 'other', method: 'get', args: ['shared'] })).toEqual({ ok: true, value: undefined });
    } finally {
      stores.close();
    }
  });
});

describe('the deny adapter of key_value_stores', () => {
  it("answers open with access-denied, as Spin's does", async () => {
    const adapter = DENY_ADAPTERS.find(({ capability }) => capability === 'key_value_stores');
    if (!adapter) throw new Error('no deny adapter for key_value_stores');
    const { transpile } = await import('jco-1.10');
    const { files } = await transpile(await denyAdapterComponent(adapter), { name: 'adapter', instantiation: 'sync' });
    const dir = await mkdtemp(join(tmpdir(), 'deny-key-value-'));
    for (const [name, content] of Object.entries(files)) if (!name.includes('/')) await writeFile(join(dir, name), content);
    const bindings = (await import(pathToFileURL(join(dir, 'adapter.js')).href)) as {
      instantiate: (core: (file: string) => WebAssembly.Module, imports: object) => { store: { open: (label: string) => unknown } };
    };
    const { store } = bindings.instantiate((file) => new WebAssembly.Module(readFileSync(join(dir, file))), {});
    expect(() => store.open('default')).toThrow(expect.objectContaining({ payload: { tag: 'access-denied' } }));
  });
});

describe('a dependency that uses the store and does not inherit key_value_stores', () => {
  const plan = (inherits: 'key_value_stores'[]) =>
    planComposition({
      id: 'frontend',
      wasm: '/app/frontend.wasm',
      component: { imports: ['bookserver:books/catalog@0.1.0'], exports: ['wasi:http/incoming-handler@0.2.10'], digest: 'f' },
      dependencies: [
        {
          dependency: {
            name: { key: 'bookserver:books', package: 'bookserver:books' },
            wasm: '/deps/api.wasm',
            inherits: new Set(inherits),
          },
          interfaces: {
            imports: ['wasi:keyvalue/store@0.2.0-draft2', 'wasi:keyvalue/atomics@0.2.0-draft2'],
            exports: ['bookserver:books/catalog@0.1.0'],
            digest: 'd',
          },
          file: 'api.wasm',
        },
      ],
    });

  it('gets the deny adapter for wasi:keyvalue/store, and cannot be composed if it imports atomics or batch too, as on Spin', () => {
    const { plan: denied, problems } = plan([]);
    expect(denied.dependencies[0].denied.map((d) => d.import)).toEqual(['wasi:keyvalue/store@0.2.0-draft2']);
    expect(problems).toEqual([
      'component.frontend.dependencies."bookserver:books": api.wasm imports wasi:keyvalue/atomics@0.2.0-draft2, which uses ' +
        "wasi:keyvalue/store@0.2.0-draft2's types, and does not inherit key_value_stores: the deny adapter stands in for " +
        "wasi:keyvalue/store alone, as Spin's does, so the two cannot be composed (Spin cannot either); inherit key_value_stores",
    ]);
  });

  it('is composed with the host’s store when it inherits key_value_stores', () => {
    const { plan: inherited, problems } = plan(['key_value_stores']);
    expect(problems).toEqual([]);
    expect(inherited.dependencies[0].denied).toEqual([]);
  });
});
