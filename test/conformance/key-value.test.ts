// Spin's key-value store, as a guest sees it (the key-value fixture answers
// every wasi:keyvalue call as JSON): what each call does, who may open a
// store, where its data is kept (the state directory, --state-dir, a runtime
// config file), what stops the app from starting, and, when `spin` is on
// PATH, that Spin and the local runtime read each other's data from one
// .spin folder.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, wasmPath } from '../../scripts/lib/project.js';
import { type RedisServer, redisMissing, redisRuntimeConfig, startRedis } from '../../scripts/lib/redis.js';
import { type ServedApp, spinAvailable } from '../../scripts/lib/serve.js';
import { withRedis } from '../support/redis.js';
import { serveAsTyped } from '../support/serve-as-typed.js';
import { ON_SPIN, RUNTIME, serveApp, serveAppUntilExit, titleWithSpinBug } from './target.js';

const MANIFESTS = join(ROOT, 'test', 'fixtures', 'manifests', 'key-value');
const KEY_VALUE_APP = join(MANIFESTS, 'key-value.toml');
const STORE_FILE = 'sqlite_key_value.db';

const scratch = (): Promise<string> => mkdtemp(join(tmpdir(), 'key-value-'));

/** What the fixture answers: its JSON, or the status of an answer that is not (a trap's empty 500). */
async function call(app: { url: string }, path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${app.url}${path}`, init);
  const body = await response.text();
  return response.status === 200 ? JSON.parse(body) : { status: response.status, body };
}

const put = (app: { url: string }, path: string, body: string): Promise<unknown> => call(app, path, { method: 'PUT', body });

/** The rows of Spin's table in a database file, values as text. */
function rows(file: string): { store: string; key: string; value: string }[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db
      .prepare('SELECT store, key, value FROM spin_key_value ORDER BY store, key')
      .all()
      .map((row) => ({ store: String(row.store), key: String(row.key), value: new TextDecoder().decode(row.value as Uint8Array) }));
  } finally {
    db.close();
  }
}

/** An app of its own folder (its .spin the default state directory): the key-value app, its source given absolutely. */
async function appInFolder(dir: string): Promise<string> {
  const manifest = join(dir, 'spin.toml');
  const text = await readFile(KEY_VALUE_APP, 'utf8');
  await writeFile(manifest, text.replaceAll('"../../../../build/key-value.wasm"', JSON.stringify(wasmPath('key-value'))));
  return manifest;
}

describe('a store, as a guest sees it', () => {
  let app: ServedApp;
  let stateDir = '';
  beforeAll(async () => {
    stateDir = await scratch();
    app = await serveApp(KEY_VALUE_APP, { stateDir });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps what is written, until it is deleted', async () => {
    expect(await put(app, '/kv/set?key=greeting', 'hello')).toEqual({ set: 'greeting' });
    expect(await call(app, '/kv/get?key=greeting')).toEqual({ value: 'hello', hex: '68656c6c6f' });
    expect(await call(app, '/kv/exists?key=greeting')).toEqual({ exists: true });
    expect(await call(app, '/kv/keys')).toEqual({ keys: ['greeting'], cursor: null });
    expect(await call(app, '/kv/delete?key=greeting')).toEqual({ deleted: 'greeting' });
    expect(await call(app, '/kv/get?key=greeting')).toEqual({ value: null, hex: null });
    expect(await call(app, '/kv/exists?key=greeting')).toEqual({ exists: false });
  });

  it("keeps it in Spin's table, in the state directory's sqlite_key_value.db, and says so at start-up", async () => {
    await put(app, '/kv/set?key=kept', 'on disk');
    expect(rows(join(stateDir, STORE_FILE))).toContainEqual({ store: 'default', key: 'kept', value: 'on disk' });
    expect(app.stderr()).toContain(`Storing default key-value data to "${join(stateDir, STORE_FILE)}".`);
    // node:sqlite is a release candidate on every Node the project runs on: no worker warns of it.
    expect(app.stderr()).not.toContain('ExperimentalWarning');
  });

  it('refuses a cursor for list-keys, in Spin’s words', async () => {
    expect(await call(app, '/kv/keys?cursor=a')).toEqual({ error: 'other: list_keys: cursor not supported' });
  });

  // Only positive deltas: a guest built by componentize-js 0.23 traps when it passes a negative s64 to the host, on both runtimes.
  it('increments a little-endian i64, from 0 when absent', async () => {
    expect(await call(app, '/kv/increment?key=counter&delta=5', { method: 'POST' })).toEqual({ value: '5' });
    expect(await call(app, '/kv/increment?key=counter&delta=3', { method: 'POST' })).toEqual({ value: '8' });
    expect(await call(app, '/kv/get?key=counter')).toMatchObject({ hex: '0800000000000000' });
    await call(app, '/kv/set?key=minus-two', { method: 'PUT', body: Uint8Array.of(0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) });
    expect(await call(app, '/kv/increment?key=minus-two', { method: 'POST' })).toEqual({ value: '-1' });
  });

  it('loses no increment of many at once, whichever worker serves each', async () => {
    await Promise.all(Array.from({ length: 40 }, () => call(app, '/kv/increment?key=together', { method: 'POST' })));
    expect(await call(app, '/kv/increment?key=together&delta=0', { method: 'POST' })).toEqual({ value: '40' });
  });

  it('swaps what current() read, and a swap that lost sees what is there now', async () => {
    await put(app, '/kv/set?key=cas', 'v1');
    expect(await put(app, '/kv/swap?key=cas', 'v2')).toEqual({ swapped: true, was: 'v1' });
    expect(await put(app, '/kv/swap?key=cas&interfere=v3', 'v4')).toEqual({ swapped: false, was: 'v2', now: 'v3' });
    expect(await call(app, '/kv/get?key=cas')).toMatchObject({ value: 'v3' });
  });

  it('creates a key by a swap whatever was written since current() found none: not atomic, as in Spin', async () => {
    expect(await put(app, '/kv/swap?key=created&interfere=theirs', 'mine')).toEqual({ swapped: true, was: null });
    expect(await call(app, '/kv/get?key=created')).toMatchObject({ value: 'mine' });
  });

  it('gets many in key order, each once, leaving out keys that hold nothing; sets and deletes many', async () => {
    expect(await call(app, '/kv/set-many', { method: 'POST', body: JSON.stringify({ b: '2', a: '1' }) })).toEqual({ set: 2 });
    expect(await call(app, '/kv/get-many?keys=b,missing,a,a')).toEqual({
      entries: [
        ['a', '1'],
        ['b', '2'],
      ],
    });
    expect(await call(app, '/kv/delete-many?keys=a,b,missing', { method: 'POST' })).toEqual({ deleted: 3 });
    expect(await call(app, '/kv/get-many?keys=a,b')).toEqual({ entries: [] });
  });

  it("denies a store the component's key_value_stores does not list", async () => {
    expect(await call(app, '/denied/open')).toEqual({ error: 'access-denied' });
    expect(await call(app, '/kv/open?store=elsewhere')).toEqual({ error: 'access-denied' });
  });
});

describe('an increment of a value that is not a counter', () => {
  it(titleWithSpinBug(
    'fails its request, and the store goes on serving',
    "Spin 4.1.0-pre0 panics holding the store's lock, so every later call of the store fails with 500 until it restarts",
  ), async () => {
    const app = await serveApp(KEY_VALUE_APP, { stateDir: await scratch() });
    try {
      await put(app, '/kv/set?key=word', 'hello');
      expect(await call(app, '/kv/increment?key=word', { method: 'POST' })).toEqual({ status: 500, body: '' });
      const after = await call(app, '/kv/get?key=word');
      if (ON_SPIN) expect(after).toEqual({ status: 500, body: '' });
      else expect(after).toMatchObject({ value: 'hello' });
    } finally {
      await app.stop();
    }
  }, 120_000);
});

describe('an app whose stores cannot be made', () => {
  it('does not start when a component lists a label no store has', async () => {
    const { code, stdout, stderr } = await serveAppUntilExit(join(MANIFESTS, 'unknown-label.toml'));
    expect(code).not.toBe(0);
    expect(`${stdout}${stderr}`).toContain('unknown key_value_stores label "nowhere" for component "kv"');
  }, 120_000);

  it('does not start on a runtime config key nobody reads', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'runtime-config.toml'), 'baz = "/baz"\n');
    const { code, stdout, stderr } = await serveAppUntilExit(KEY_VALUE_APP, {
      args: ['--runtime-config-file', join(dir, 'runtime-config.toml')],
    });
    expect(code).not.toBe(0);
    expect(`${stdout}${stderr}`).toContain('baz');
  }, 120_000);
});

describe('where a store keeps its data', () => {
  it("is the manifest's .spin folder when nothing says otherwise, and outlives the app", async () => {
    const manifest = await appInFolder(await scratch());
    const first = await serveAsTyped(RUNTIME, manifest);
    try {
      await put(first, '/kv/set?key=kept', 'across restarts');
      expect(first.stderr()).toContain(`Storing default key-value data to "${join(manifest, '..', '.spin', STORE_FILE)}".`);
    } finally {
      await first.stop();
    }
    expect(rows(join(manifest, '..', '.spin', STORE_FILE))).toEqual([{ store: 'default', key: 'kept', value: 'across restarts' }]);
    const second = await serveAsTyped(RUNTIME, manifest);
    try {
      expect(await call(second, '/kv/get?key=kept')).toMatchObject({ value: 'across restarts' });
    } finally {
      await second.stop();
    }
  }, 240_000);

  it('is --state-dir, relative to the current directory', async () => {
    const stateDir = await scratch();
    const app = await serveApp(KEY_VALUE_APP, { stateDir: relative(ROOT, stateDir) });
    try {
      await put(app, '/kv/set?key=where', 'there');
    } finally {
      await app.stop();
    }
    expect(rows(join(stateDir, STORE_FILE))).toEqual([{ store: 'default', key: 'where', value: 'there' }]);
  }, 120_000);

  it("is a runtime config file's state_dir when there is no --state-dir", async () => {
    const dir = await scratch();
    const manifest = await appInFolder(dir);
    await writeFile(join(dir, 'runtime-config.toml'), `state_dir = ${JSON.stringify(join(dir, 'state'))}\n`);
    const app = await serveAsTyped(RUNTIME, manifest, ['--runtime-config-file', join(dir, 'runtime-config.toml')]);
    try {
      await put(app, '/kv/set?key=where', 'in state');
    } finally {
      await app.stop();
    }
    expect(rows(join(dir, 'state', STORE_FILE))).toEqual([{ store: 'default', key: 'where', value: 'in state' }]);
  }, 120_000);

  it(titleWithSpinBug(
    "is --state-dir over a runtime config file's state_dir",
    'Spin 4.1.0-pre0 does not start: "unused runtime config key(s): state_dir"',
  ), async () => {
    const dir = await scratch();
    const manifest = await appInFolder(dir);
    await writeFile(join(dir, 'runtime-config.toml'), `state_dir = ${JSON.stringify(join(dir, 'from-file'))}\n`);
    const options = { stateDir: join(dir, 'from-flag'), args: ['--runtime-config-file', join(dir, 'runtime-config.toml')] };
    if (ON_SPIN) {
      const { code, stderr } = await serveAppUntilExit(manifest, options);
      expect(code).not.toBe(0);
      expect(stderr).toContain('unused runtime config key(s): state_dir');
      return;
    }
    const app = await serveApp(manifest, options);
    try {
      await put(app, '/kv/set?key=where', 'by the flag');
    } finally {
      await app.stop();
    }
    expect(rows(join(dir, 'from-flag', STORE_FILE))).toEqual([{ store: 'default', key: 'where', value: 'by the flag' }]);
    expect(existsSync(join(dir, 'from-file'))).toBe(false);
  }, 120_000);

  it("is a runtime config file's spin store at a path relative to the file, beside the default store", async () => {
    const dir = await scratch();
    const config = join(dir, 'runtime-config.toml');
    await writeFile(config, '[key_value_store.files]\ntype = "spin"\npath = "data/files.db"\n');
    const app = await serveApp(join(MANIFESTS, 'labelled.toml'), { stateDir: join(dir, 'state'), args: ['--runtime-config-file', config] });
    try {
      expect(await put(app, '/kv/set?store=files&key=f', 'in files')).toEqual({ set: 'f' });
      expect(await put(app, '/kv/set?key=d', 'in default')).toEqual({ set: 'd' });
      expect(await call(app, '/kv/keys?store=files')).toEqual({ keys: ['f'], cursor: null });
      expect(app.stderr()).toContain('[key_value_store.files: spin]');
    } finally {
      await app.stop();
    }
    expect(rows(join(dir, 'data', 'files.db'))).toEqual([{ store: 'files', key: 'f', value: 'in files' }]);
    expect(rows(join(dir, 'state', STORE_FILE))).toEqual([{ store: 'default', key: 'd', value: 'in default' }]);
  }, 120_000);

  it('is memory when the state directory is unset: one store for the whole app, gone when it stops', async () => {
    const manifest = await appInFolder(await scratch());
    const first = await serveApp(manifest, { stateDir: '' });
    try {
      expect(first.stderr()).toContain('Storing default key-value data to a temporary in-memory store.');
      await Promise.all(Array.from({ length: 40 }, () => call(first, '/kv/increment?key=together', { method: 'POST' })));
      expect(await call(first, '/kv/increment?key=together&delta=0', { method: 'POST' })).toEqual({ value: '40' });
    } finally {
      await first.stop();
    }
    const second = await serveApp(manifest, { stateDir: '' });
    try {
      expect(await call(second, '/kv/get?key=together')).toEqual({ value: null, hex: null });
    } finally {
      await second.stop();
    }
  }, 240_000);
});

// Both runtimes run here, whichever the suite targets: the point is what one leaves for the other.
describe.skipIf(!spinAvailable())(`one .spin folder, two runtimes${spinAvailable() ? '' : ' (skipped: no spin on PATH)'}`, () => {
  /** Serves the app in a folder of its own with `writer`, writes, stops it; then serves it with the other runtime and reads. */
  async function handOver(writer: 'spin' | 'local'): Promise<unknown[]> {
    const manifest = await appInFolder(await scratch());
    const first = await serveAsTyped(writer, manifest);
    try {
      await put(first, '/kv/set?key=note', `written by ${writer}`);
      await call(first, '/kv/increment?key=visits&delta=3', { method: 'POST' });
    } finally {
      await first.stop();
    }
    const second = await serveAsTyped(writer === 'spin' ? 'local' : 'spin', manifest);
    try {
      return [await call(second, '/kv/get?key=note'), await call(second, '/kv/increment?key=visits', { method: 'POST' })];
    } finally {
      await second.stop();
    }
  }

  it('reads with the local runtime what spin up wrote', async () => {
    expect(await handOver('spin')).toEqual([expect.objectContaining({ value: 'written by spin' }), { value: '4' }]);
  }, 240_000);

  it('reads with spin up what the local runtime wrote', async () => {
    expect(await handOver('local')).toEqual([expect.objectContaining({ value: 'written by local' }), { value: '4' }]);
  }, 240_000);
});

describe.skipIf(redisMissing() !== undefined)(withRedis('a redis store, as a guest sees it'), () => {
  let redis: RedisServer;
  let app: ServedApp;
  let reader: RedisClientType;
  beforeAll(async () => {
    redis = await startRedis();
    reader = createClient({ url: redis.url });
    await reader.connect();
    app = await serveApp(KEY_VALUE_APP, await redisRuntimeConfig(redis.url));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await reader?.close();
    await redis?.stop();
  });

  it('keeps what is written in the Redis server, under the key the guest names, and says so at start-up', async () => {
    expect(await put(app, '/kv/set?key=greeting', 'hello')).toEqual({ set: 'greeting' });
    expect(await reader.get('greeting')).toBe('hello');
    expect(await call(app, '/kv/get?key=greeting')).toEqual({ value: 'hello', hex: '68656c6c6f' });
    expect(await call(app, '/kv/exists?key=greeting')).toEqual({ exists: true });
    expect(await call(app, '/kv/keys')).toMatchObject({ keys: expect.arrayContaining(['greeting']) });
    expect(await call(app, '/kv/delete?key=greeting')).toEqual({ deleted: 'greeting' });
    expect(await reader.exists('greeting')).toBe(0);
    expect(app.stderr()).toContain('[key_value_store.default: redis]');
    expect(app.stderr()).toContain(`Storing default key-value data to Redis at ${new URL(redis.url).host}.`);
  });

  it('lists every key of the server, whoever wrote it', async () => {
    await reader.set('written-by-another-client', 'x');
    expect(await call(app, '/kv/keys')).toMatchObject({ keys: expect.arrayContaining(['written-by-another-client']) });
  });

  it('increments decimal text, as INCRBY does, from 0 when absent', async () => {
    expect(await call(app, '/kv/increment?key=counter&delta=5', { method: 'POST' })).toEqual({ value: '5' });
    expect(await call(app, '/kv/increment?key=counter&delta=3', { method: 'POST' })).toEqual({ value: '8' });
    expect(await call(app, '/kv/get?key=counter')).toEqual({ value: '8', hex: '38' });
  });

  it('loses no increment of many at once', async () => {
    await Promise.all(Array.from({ length: 40 }, () => call(app, '/kv/increment?key=together', { method: 'POST' })));
    expect(await reader.get('together')).toBe('40');
  });

  it(
    titleWithSpinBug(
      'swaps what current() read, and a swap that lost sees what is there now',
      'Spin 4.1.0-pre0 writes, then sends UNWATCH with the key, which Redis refuses, and says the swap failed',
    ),
    async () => {
      await put(app, '/kv/set?key=cas', 'v1');
      expect(await put(app, '/kv/swap?key=cas', 'v2')).toEqual(
        ON_SPIN ? { swapped: false, was: 'v1', now: 'v2' } : { swapped: true, was: 'v1' },
      );
      expect(await put(app, '/kv/swap?key=cas&interfere=v3', 'v4')).toEqual({ swapped: false, was: 'v2', now: 'v3' });
      expect(await reader.get('cas')).toBe('v3');
    },
  );

  it(
    titleWithSpinBug(
      'gets many in the order asked, leaving out keys that hold nothing',
      'Spin 4.1.0-pre0 sends get-many as KEYS with the keys, which Redis refuses',
    ),
    async () => {
      expect(await call(app, '/kv/set-many', { method: 'POST', body: JSON.stringify({ b: '2', a: '1' }) })).toEqual({ set: 2 });
      expect(await call(app, '/kv/get-many?keys=b,missing,a')).toEqual(
        ON_SPIN
          ? { error: "other: An error was signalled by the server - ResponseError: wrong number of arguments for 'keys' command" }
          : {
              entries: [
                ['b', '2'],
                ['a', '1'],
              ],
            },
      );
    },
  );
});
