// The local runtime's `redis` store (runtime/key-value/redis/) against a real
// Redis server, one of its own: keys as Spin keeps them there, its atomic
// steps, and what a guest is told when the server is not there.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../runtime/key-value/redis/redis-store.js';
import { StoreError } from '../runtime/key-value/store.js';
import { freePortOnLoopback } from '../scripts/lib/net.js';
import { type RedisServer, redisMissing, startRedis } from '../scripts/lib/redis.js';
import { withRedis } from './support/redis.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined): string | undefined => (value === undefined ? undefined : new TextDecoder().decode(value));

describe.skipIf(redisMissing() !== undefined)(withRedis('the redis store'), () => {
  let server: RedisServer;
  let store: RedisStore;
  beforeAll(async () => {
    server = await startRedis();
    store = new RedisStore(server.url);
  }, 30_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('keeps each key as the guest names it, where any client of the server reads it', async () => {
    await store.set('greeting', bytes('hello'));
    expect(text(await store.get('greeting'))).toBe('hello');
    expect(await store.exists('greeting')).toBe(true);
    const client = await createClient({ url: server.url }).connect();
    try {
      expect(await client.get('greeting')).toBe('hello');
    } finally {
      await client.close();
    }
    await store.delete('greeting');
    expect(await store.get('greeting')).toBeUndefined();
    expect(await store.exists('greeting')).toBe(false);
  });

  it("shares its keys with every label on the server, and lists them all, as Spin's does", async () => {
    const other = new RedisStore(server.url);
    try {
      await other.set('from-elsewhere', bytes('x'));
      expect(await store.keys()).toContain('from-elsewhere');
      await store.deleteMany(['from-elsewhere']);
      expect(await other.exists('from-elsewhere')).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('gets many, leaving out keys that hold nothing; sets and deletes many', async () => {
    await store.setMany([
      ['a', bytes('1')],
      ['b', bytes('2')],
    ]);
    expect((await store.getMany(['b', 'missing', 'a'])).map(([key, value]) => [key, text(value)])).toEqual([
      ['b', '2'],
      ['a', '1'],
    ]);
    await store.deleteMany(['a', 'b', 'missing']);
    expect(await store.getMany(['a', 'b'])).toEqual([]);
    expect(await store.getMany([])).toEqual([]);
  });

  it('counts as Redis does, in decimal text, and refuses to count what is not a number', async () => {
    expect(await store.increment('counter', 5n)).toBe(5n);
    expect(await store.increment('counter', 9_007_199_254_740_993n)).toBe(9_007_199_254_740_998n);
    expect(text(await store.get('counter'))).toBe('9007199254740998');
    await store.set('word', bytes('ten'));
    await expect(store.increment('word', 1n)).rejects.toThrow(StoreError);
  });

  it('swaps only what still holds what was read, or a key still absent', async () => {
    await store.set('cas', bytes('v1'));
    expect(await store.swap('cas', bytes('v1'), bytes('v2'))).toBe(true);
    expect(await store.swap('cas', bytes('v1'), bytes('v3'))).toBe(false);
    expect(text(await store.get('cas'))).toBe('v2');
    expect(await store.swap('fresh', undefined, bytes('mine'))).toBe(true);
    expect(await store.swap('fresh', undefined, bytes('theirs'))).toBe(false);
    expect(text(await store.get('fresh'))).toBe('mine');
  });

  it('tells the guest, naming the server, when no Redis answers there', async () => {
    const port = await freePortOnLoopback();
    const nowhere = new RedisStore(`redis://127.0.0.1:${port}`);
    try {
      await expect(nowhere.get('a')).rejects.toThrow(new RegExp(`^Redis at 127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`));
      await expect(nowhere.get('a')).rejects.toBeInstanceOf(StoreError);
    } finally {
      await nowhere.close();
    }
  });
});
