// npm run bench:replicas [-- --quick] [--runtime local|spin|both] [--loopback] [--out DIR]
// book-api as two replicas, each in a network namespace of its own, on Spin's
// default store (a SQLite file each: a book written through one is missing
// on the other) and on one Redis server in a third namespace, at 0, 0.2 and
// 1 ms round trip to it (tools/latency-proxy): whether one replica reads what
// the other wrote, and what the shared store adds to a write and a read.
// Needs root for the namespaces (--loopback does without) and redis-server.
// Writes results.json and summary.md; a full run into bench/results/replicas
// also refreshes its section of docs/kubernetes.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NamespaceBench, readCommandLine, writeRun } from './lib/apart/command.js';
import { type MadeNamespaces, makeNamespaces, requireRoot } from './lib/apart/namespaces.js';
import { buildLatencyProxy } from './lib/apart/proxy.js';
import { NAMESPACE_TOPOLOGY, placeBehind, REPLICAS_BEHIND } from './lib/apart/topology.js';
import { runtimeVersion } from './lib/bench/environment.js';
import { runtimesToMeasure } from './lib/bench/runtimes.js';
import { main, UserError } from './lib/cli.js';
import { ROOT } from './lib/project.js';
import { redisMissing, startRedis } from './lib/redis.js';
import { type ReplicaPlaces, measureSubject, type Sample } from './lib/replicas/measure.js';
import { FULL, QUICK, roundOrder, storeName } from './lib/replicas/plan.js';
import { markdown, type ReplicasResults } from './lib/replicas/report.js';
import { buildAndCompose } from './lib/run.js';

const BENCH: NamespaceBench = {
  command: 'npm run bench:replicas',
  resultsDir: join(ROOT, 'bench', 'results', 'replicas'),
  // A full run rewrites that page's section.
  page: 'docs/kubernetes.md',
  section: 'bench:replicas',
};

const LOOPBACK: ReplicaPlaces = {
  a: { host: '127.0.0.1' },
  b: { host: '127.0.0.1' },
  redis: { host: '127.0.0.1' },
  proxy: { host: '127.0.0.1' },
};
const IN_NAMESPACES: ReplicaPlaces = {
  a: placeBehind(REPLICAS_BEHIND, 0),
  b: placeBehind(REPLICAS_BEHIND, 1),
  redis: placeBehind(REPLICAS_BEHIND, 2),
  // The replicas reach it through the frontend's namespace, their way out.
  proxy: NAMESPACE_TOPOLOGY.front,
};

main(async () => {
  const values = readCommandLine(BENCH);
  const plan = values.quick ? QUICK : FULL;
  const runtimes = runtimesToMeasure(values.runtime);
  const missing = redisMissing();
  if (missing !== undefined) throw new UserError(`${BENCH.command} runs a Redis server: ${missing}`);
  if (!values.loopback) requireRoot(BENCH.command);
  await buildAndCompose();
  await buildLatencyProxy();

  const made: MadeNamespaces = values.loopback ? { loopback: '--loopback was given', remove: () => {} } : makeNamespaces(REPLICAS_BEHIND);
  if (made.loopback !== undefined) console.log(`On loopback: ${made.loopback}`);
  const places = made.loopback === undefined ? IN_NAMESPACES : LOOPBACK;
  const statsDir = await mkdtemp(join(tmpdir(), 'bookserver-replicas-'));
  const redis = await startRedis(places.redis).catch((error: Error) => {
    made.remove();
    throw error;
  });
  try {
    const samples: Sample[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      for (const subject of roundOrder(runtimes, plan, round)) {
        const sample = await measureSubject(subject, round, plan, places, redis, statsDir);
        const p50s = Object.entries(sample.operations).map(([operation, s]) => `${operation} ${s.p50Ms.toFixed(2)} ms`);
        console.log(
          `round ${round + 1}/${plan.rounds}, ${storeName(subject.store)} on ${subject.runtime}: B read A's book ${sample.readThroughOther}; p50 ${p50s.join(', ')}`,
        );
        samples.push(sample);
      }
    }
    const results: ReplicasResults = {
      date: new Date().toISOString(),
      command: values.invocation,
      plan: plan.name,
      topology: made.loopback === undefined ? { kind: 'namespaces' } : { kind: 'loopback', reason: made.loopback },
      runtimes: await Promise.all(runtimes.map((kind) => runtimeVersion({ id: kind, kind }))),
      requests: plan.requests,
      rounds: plan.rounds,
      samples,
    };
    const summary = markdown(results);
    await writeRun(BENCH, values.out, plan.name === 'full', results, summary);
  } finally {
    await redis.stop();
    made.remove();
    await rm(statsDir, { recursive: true, force: true });
  }
});
