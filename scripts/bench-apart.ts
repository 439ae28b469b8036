// npm run bench:apart [-- --quick] [--runtime local|spin|both] [--loopback] [--out DIR]
// The apart layout across a hop between pods: book-api and the frontend in
// network namespaces of their own, joined by a veth pair, with a round trip of
// 0, 0.2, 1 and 5 ms added between them by tools/latency-proxy; beside them
// the together and composed layouts, at the same load, on Spin and on the
// local runtime. Needs root for the namespaces (--loopback does without,
// and without the hop); everything it makes is removed however it ends.
// Writes results.json and summary.md; a full run into bench/results/apart
// also refreshes the results section of docs/kubernetes.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './lib/cli.js';
import { ROOT } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { checkAnswers, read } from './lib/bench/answers.js';
import { machine, runtimeVersion } from './lib/bench/environment.js';
import { Progress } from './lib/bench/progress.js';
import { runtimesToMeasure } from './lib/bench/runtimes.js';
import { probeHop } from './lib/apart/hop.js';
import { type NamespaceBench, readCommandLine, writeRun } from './lib/apart/command.js';
import { type MadeNamespaces, makeNamespaces, requireRoot } from './lib/apart/namespaces.js';
import { FULL, QUICK, roundOrder, subjectName } from './lib/apart/plan.js';
import { buildLatencyProxy } from './lib/apart/proxy.js';
import { markdown } from './lib/apart/report.js';
import type { ApartResults } from './lib/apart/results.js';
import { type Layouts, startLayouts } from './lib/apart/servers.js';
import { APART_BEHIND, loopbackTopology, NAMESPACE_TOPOLOGY } from './lib/apart/topology.js';
import { measure, warmUp } from './lib/apart/measure.js';

const BENCH: NamespaceBench = {
  command: 'npm run bench:apart',
  resultsDir: join(ROOT, 'bench', 'results', 'apart'),
  // A full run rewrites that page's section.
  page: 'docs/kubernetes.md',
  section: 'bench:apart',
};

main(async () => {
  const values = readCommandLine(BENCH);
  const plan = values.quick ? QUICK : FULL;
  const runtimes = runtimesToMeasure(values.runtime);
  if (!values.loopback) requireRoot(BENCH.command);
  await buildAndCompose();
  await buildLatencyProxy();

  const made: MadeNamespaces = values.loopback ? { loopback: '--loopback was given', remove: () => {} } : makeNamespaces(APART_BEHIND);
  const topology = made.loopback === undefined ? NAMESPACE_TOPOLOGY : loopbackTopology(made.loopback);
  if (topology.kind === 'loopback') console.log(`On loopback: ${topology.reason}`);
  const statsDir = await mkdtemp(join(tmpdir(), 'bookserver-apart-'));
  const layouts: Layouts[] = [];
  try {
    // Before any server runs, while the machine is otherwise quiet.
    const hop = await probeHop(topology, plan.rttMs, statsDir);
    for (const runtime of runtimes) layouts.push(await startLayouts(runtime, plan, topology, statsDir));
    const servers = layouts.flatMap((l) => l.servers);
    await checkAnswers(
      servers.map((server) => ({ url: server.url, name: `${subjectName(server)} on ${server.runtime}` })),
      plan.paths.map(read),
    );
    const perRound = roundOrder(runtimes, plan, 0).length;
    const progress = new Progress(perRound * (1 + plan.paths.length * 2 * plan.rounds));
    await warmUp(servers, runtimes, plan, progress);
    const samples = await measure(servers, runtimes, plan, progress);
    progress.end();

    const results: ApartResults = {
      date: new Date().toISOString(),
      command: values.invocation,
      plan: plan.name,
      topology: { kind: topology.kind, reason: topology.reason },
      runtimes: await Promise.all(runtimes.map((kind) => runtimeVersion({ id: kind, kind }))),
      machine: machine(),
      clients: plan.clients,
      seconds: plan.seconds,
      rounds: plan.rounds,
      hop,
      startup: servers.map(({ runtime, layout, rttMs, startupMs }) => ({ runtime, layout, rttMs, ms: startupMs })),
      samples,
    };
    const summary = markdown(results);
    await writeRun(BENCH, values.out, plan.name === 'full', results, summary);
  } finally {
    await Promise.all(layouts.map((l) => l.stop()));
    made.remove();
    await rm(statsDir, { recursive: true, force: true });
  }
});
