// The replicas benchmark's results as Markdown: for each runtime (Spin's
// first), per store, whether replica B reads what replica A wrote, what one
// client waits for each operation, what Redis adds over a SQLite file each,
// and what each request costs the Redis server and the hop to it.
import { type RuntimeVersion, spread } from '../bench/results.js';
import { runtimeLabel, table } from '../markdown.js';
import type { OperationSample, Sample } from './measure.js';
import { OPERATION_LABEL, OPERATIONS, type Operation, type Store, storeName } from './plan.js';

export interface ReplicasResults {
  date: string;
  command: string;
  plan: string;
  topology: { kind: 'namespaces' | 'loopback'; reason?: string };
  runtimes: RuntimeVersion[];
  requests: number;
  rounds: number;
  samples: Sample[];
}

const fixed = (x: number | undefined, digits = 2): string => (x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : '–');
const signed = (x: number): string => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`;

const sameStore = (a: Store, b: Store): boolean =>
  a.kind === b.kind && (a.kind === 'sqlite' || (b.kind === 'redis' && a.rttMs === b.rttMs));

/** Median across rounds of one figure of one operation on one store and runtime. */
function median(
  results: ReplicasResults,
  runtime: string,
  store: Store,
  operation: Operation,
  of: (s: OperationSample) => number | undefined,
) {
  const values = results.samples
    .filter((s) => s.runtime === runtime && sameStore(s.store, store))
    .flatMap((s) => of(s.operations[operation]) ?? []);
  return values.length ? spread(values).median : undefined;
}

const storesIn = (results: ReplicasResults): Store[] =>
  results.samples.map((s) => s.store).filter((store, i, all) => all.findIndex((other) => sameStore(other, store)) === i);

function runtimeSection(results: ReplicasResults, version: RuntimeVersion): string {
  const runtime = version.name;
  const stores = storesIn(results);
  const sqlite = stores.find((store) => store.kind === 'sqlite');
  const readThrough = (store: Store): string => {
    const statuses = [
      ...new Set(results.samples.filter((s) => s.runtime === runtime && sameStore(s.store, store)).map((s) => s.readThroughOther)),
    ];
    return statuses.join(', ');
  };
  const perOperation = (store: Store, of: (s: OperationSample) => number | undefined, digits: number): string =>
    OPERATIONS.map((operation) => fixed(median(results, runtime, store, operation, of), digits)).join(' / ');
  const rows = stores.map((store) => [
    storeName(store),
    readThrough(store),
    ...OPERATIONS.map((operation) => {
      const p50 = median(results, runtime, store, operation, (s) => s.p50Ms);
      const p99 = median(results, runtime, store, operation, (s) => s.p99Ms);
      const base = sqlite && median(results, runtime, sqlite, operation, (s) => s.p50Ms);
      const added = store.kind === 'redis' && p50 !== undefined && base !== undefined ? ` (${signed(p50 - base)})` : '';
      return `${fixed(p50)} / ${fixed(p99)}${added}`;
    }),
    perOperation(store, (s) => s.redisCommands, 1),
    perOperation(store, (s) => s.connections, 2),
  ]);
  return [
    `### ${runtimeLabel(version)}`,
    '',
    table(
      [
        'store',
        'B reads A’s book',
        ...OPERATIONS.map((operation) => `${operation}, ms p50 / p99`),
        `Redis commands per ${OPERATIONS.join(' / ')}`,
        `new connections per ${OPERATIONS.join(' / ')}`,
      ],
      rows,
    ),
  ].join('\n');
}

export function markdown(results: ReplicasResults): string {
  const where =
    results.topology.kind === 'namespaces'
      ? 'Each replica and the Redis server in a network namespace of its own, the round trip to Redis added by tools/latency-proxy.'
      : `**On loopback, not in namespaces** (${results.topology.reason}): the round trip to Redis is the proxy's alone.`;
  const intro = [
    `\`${results.command}\` on ${results.date.slice(0, 10)}: two book-api replicas (the network wiring's book-api, \`--component-id book-api\`), ` +
      `${results.requests} requests of each operation one at a time, median of ${results.rounds} round${results.rounds === 1 ? '' : 's'}. ${where} ` +
      'In brackets, what the store adds to a p50 over a SQLite file each; commands and connections are per request, counted by the Redis server and the proxy.',
    '',
    ...OPERATIONS.map((operation) => `- ${operation}: \`${OPERATION_LABEL[operation]}\``),
  ].join('\n');
  // In the order measured: Spin, the reference, first.
  return [intro, ...results.runtimes.map((version) => runtimeSection(results, version))].join('\n\n');
}
