// One subject of `npm run bench:replicas`: two book-api replicas started on
// its store, a book written through one read through the other, then each
// operation timed one request at a time, with what it cost the Redis server
// (commands) and the hop to it (new connections).
import { join } from 'node:path';
import { createClient } from 'redis';
import { startProxy } from '../apart/proxy.js';
import type { Place } from '../apart/topology.js';
import { freePortOnLoopback } from '../net.js';
import { manifestOf } from '../project.js';
import { quantile } from '../quantile.js';
import { type RedisServer, redisRuntimeConfig } from '../redis.js';
import { type ServedApp, serve } from '../serve.js';
import { OPERATIONS, type Operation, type ReplicasPlan, type Subject, storeName, WRITE_HEADERS } from './plan.js';

/** Where each part runs: the replicas and Redis in namespaces of their own, the proxy on the frontend's side of them. */
export interface ReplicaPlaces {
  a: Place;
  b: Place;
  redis: Place;
  proxy: Place;
}

export interface OperationSample {
  p50Ms: number;
  p99Ms: number;
  /** Per request, on Redis stores: commands the server ran, connections the proxy accepted. */
  redisCommands?: number;
  connections?: number;
}

export interface Sample extends Subject {
  round: number;
  /** What replica B answered for the book written through replica A just before. */
  readThroughOther: number;
  operations: Record<Operation, OperationSample>;
}

/** The week's books, there on every store: what the reads ask for. */
const WEEK_IDS = [1, 2, 3, 4, 5, 6, 7];
const WARM_UP = 5;

/** Commands the server has run so far, INFO's own left out. */
async function commandsRun(redis: { info(section: string): Promise<unknown> }): Promise<number> {
  const stats = String(await redis.info('commandstats'));
  let calls = 0;
  for (const [, command, n] of stats.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) if (command !== 'info') calls += Number(n);
  return calls;
}

async function expectStatus(answer: Response, status: number, what: string): Promise<void> {
  const body = await answer.text();
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${body.slice(0, 200)}`);
}

export async function measureSubject(
  subject: Subject,
  round: number,
  plan: ReplicasPlan,
  places: ReplicaPlaces,
  redis: RedisServer,
  statsDir: string,
): Promise<Sample> {
  const { runtime, store } = subject;
  const name = `${storeName(store)} on ${runtime}`;
  const running: { stop: () => Promise<unknown> }[] = [];
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    // On Redis: a runtime config file that points a replica at the proxy, with a state directory beside it, for each.
    let onStore = async (): Promise<{ stateDir?: string; args?: string[] }> => ({});
    let connections = (): number => 0;
    if (store.kind === 'redis') {
      await client.flushAll();
      const port = await freePortOnLoopback();
      const upstream = new URL(redis.url);
      const proxy = await startProxy(
        places.proxy,
        port,
        upstream.host,
        store.rttMs,
        join(statsDir, `${runtime}-${store.rttMs}-${round}.count`),
      );
      running.push(proxy);
      connections = proxy.connections;
      onStore = () => redisRuntimeConfig(`redis://${places.proxy.host}:${port}`);
    }
    const replica = async (place: Place): Promise<ServedApp> => {
      const served = await serve({ runtime, manifest: manifestOf('network'), componentIds: ['book-api'], ...place, ...(await onStore()) });
      running.push(served);
      return served;
    };
    // Each its own state directory: on SQLite, a file each, as pods have.
    const [a, b] = await Promise.all([replica(places.a), replica(places.b)]);

    const written = await fetch(`${a.url}/api/books`, {
      method: 'POST',
      headers: WRITE_HEADERS,
      body: JSON.stringify({ title: `Written through replica A, ${name}`, author: 'Replicas' }),
    });
    await expectStatus(written, 201, `${name}: POST /api/books through replica A`);
    const readBack = await fetch(`${b.url}${written.headers.get('location')}`);
    await readBack.arrayBuffer();

    const request: Record<Operation, (i: number) => Promise<void>> = {
      write: async (i) =>
        expectStatus(
          await fetch(`${a.url}/api/books`, {
            method: 'POST',
            headers: WRITE_HEADERS,
            body: JSON.stringify({ title: `Book ${i}, round ${round}`, author: 'Replicas' }),
          }),
          201,
          `${name}: POST /api/books`,
        ),
      read: async (i) => {
        const id = WEEK_IDS[i % WEEK_IDS.length];
        await expectStatus(await fetch(`${b.url}/api/books/${id}`), 200, `${name}: GET /api/books/${id}`);
      },
      list: async () => expectStatus(await fetch(`${b.url}/api/books?limit=20`), 200, `${name}: GET /api/books?limit=20`),
    };
    const operations = {} as Record<Operation, OperationSample>;
    for (const operation of OPERATIONS) {
      for (let i = 0; i < WARM_UP; i++) await request[operation](i);
      const [commandsBefore, connectionsBefore] = [store.kind === 'redis' ? await commandsRun(client) : 0, connections()];
      const times: number[] = [];
      for (let i = 0; i < plan.requests; i++) {
        const started = performance.now();
        await request[operation](i);
        times.push(performance.now() - started);
      }
      operations[operation] = {
        p50Ms: quantile(times, 0.5),
        p99Ms: quantile(times, 0.99),
        ...(store.kind === 'redis' && {
          redisCommands: ((await commandsRun(client)) - commandsBefore) / plan.requests,
          connections: (connections() - connectionsBefore) / plan.requests,
        }),
      };
    }
    return { runtime, store, round, readThroughOther: readBack.status, operations };
  } finally {
    await Promise.all(running.map((part) => part.stop()));
    await client.close();
  }
}
