// What `npm run bench:replicas` measures: book-api twice, as two replicas,
// on each store: a SQLite file each (Spin's default, the split catalogue),
// then one Redis server for both at each round trip between them and it.
import { SERVED_API_TOKEN } from '../project.js';
import type { RuntimeName } from '../serve.js';

/** Each replica's own SQLite file; or one Redis server, `rttMs` away through the latency proxy. */
export type Store = { kind: 'sqlite' } | { kind: 'redis'; rttMs: number };

export const storeName = (store: Store): string => (store.kind === 'sqlite' ? 'a SQLite file each' : `Redis, ${store.rttMs} ms`);

export interface Subject {
  runtime: RuntimeName;
  store: Store;
}

/** What a user of the API does, one client at a time: add a book, read one, list a page. */
export const OPERATIONS = ['write', 'read', 'list'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_LABEL: Record<Operation, string> = {
  write: 'POST /api/books (through replica A)',
  read: 'GET /api/books/{id} (through replica B)',
  list: 'GET /api/books?limit=20 (through replica B)',
};

export const WRITE_HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` };

export interface ReplicasPlan {
  name: 'full' | 'quick';
  rttMs: number[];
  /** Each operation, one after another, per subject and round. */
  requests: number;
  rounds: number;
}

export const FULL: ReplicasPlan = { name: 'full', rttMs: [0, 0.2, 1], requests: 200, rounds: 3 };
/** Every step of the full plan, briefly: a smoke test, whose results never replace those the docs show. */
export const QUICK: ReplicasPlan = { name: 'quick', rttMs: [0, 1], requests: 10, rounds: 1 };

export const storesOf = (plan: ReplicasPlan): Store[] => [
  { kind: 'sqlite' },
  ...plan.rttMs.map((rttMs): Store => ({ kind: 'redis', rttMs })),
];

/** Store after store, each on every runtime; the first runtime of one round goes last in the next. */
export function roundOrder(runtimes: readonly RuntimeName[], plan: ReplicasPlan, round: number): Subject[] {
  const turn = round % 2 === 0 ? runtimes : [...runtimes].reverse();
  return storesOf(plan).flatMap((store) => turn.map((runtime) => ({ runtime, store })));
}
