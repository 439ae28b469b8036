// The REST API with book-api's store in Redis (`[key_value_store.default]
// type = "redis"` in a runtime config file, read by both runtimes): writes,
// reads, versions; two apps on one Redis server are one catalogue, as
// book-api's replicas are. Spin 4.1's Redis store has two faults book-api
// works around (kv-store.ts): get-many is sent as KEYS, and a swap that wrote
// says it failed.
import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import { manifestOf, SERVED_API_TOKEN } from '../../scripts/lib/project.js';
import { type RedisServer, redisMissing, redisRuntimeConfig, startRedis } from '../../scripts/lib/redis.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { withRedis } from '../support/redis.js';
import { serveApp } from './target.js';

const PIRANESI = { title: 'Piranesi', author: 'Susanna Clarke' };
const JSON_WRITE = { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` };

/** The network wiring (book-api's routes public), its store the Redis server at `url`. */
async function appOn(url: string): Promise<ServedApp> {
  const port = await freePortOnLoopback();
  return serveApp(manifestOf('network'), {
    port,
    env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` },
    ...(await redisRuntimeConfig(url)),
  });
}

describe.skipIf(redisMissing() !== undefined)(withRedis('the REST API on a redis store'), () => {
  let redis: RedisServer;
  let reader: RedisClientType;
  let first: ServedApp;
  let second: ServedApp;
  beforeAll(async () => {
    redis = await startRedis();
    reader = createClient({ url: redis.url });
    await reader.connect();
    [first, second] = await Promise.all([appOn(redis.url), appOn(redis.url)]);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await reader?.close();
    await redis?.stop();
  });

  it('writes a book into Redis, and reads it back in a listing', async () => {
    const created = await fetch(`${first.url}/api/books`, { method: 'POST', headers: JSON_WRITE, body: JSON.stringify(PIRANESI) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    expect(await reader.exists(`book:${id}`)).toBe(1);
    const listed = (await (await fetch(`${first.url}/api/books?limit=100`)).json()) as { books: unknown[] };
    expect(listed.books).toContainEqual({ id, ...PIRANESI, version: 1 });
  });

  it('replaces a book only at the version named, and says 412 to a stale one', async () => {
    const created = await fetch(`${first.url}/api/books`, { method: 'POST', headers: JSON_WRITE, body: JSON.stringify(PIRANESI) });
    const location = created.headers.get('location');
    const renamed = { ...PIRANESI, title: 'Piranesi (paperback)' };
    const put = (etag: string): Promise<Response> =>
      fetch(`${first.url}${location}`, { method: 'PUT', headers: { ...JSON_WRITE, 'if-match': etag }, body: JSON.stringify(renamed) });
    const replaced = await put('"1"');
    expect({ status: replaced.status, etag: replaced.headers.get('etag') }).toEqual({ status: 200, etag: '"2"' });
    expect((await put('"1"')).status).toBe(412);
  });

  it('is one catalogue for two apps on one server: a write through one is read through the other', async () => {
    const created = await fetch(`${first.url}/api/books`, { method: 'POST', headers: JSON_WRITE, body: JSON.stringify(PIRANESI) });
    const location = created.headers.get('location');
    const read = await fetch(`${second.url}${location}`);
    expect({ status: read.status, book: await read.json() }).toEqual({ status: 200, book: expect.objectContaining(PIRANESI) });
  });
});
