// npm run bench:apart [-- --quick] [--runtime local|spin|both] [--loopback] [--out DIR]
// The apart layout across a hop between pods: book-api and the frontend in
// network namespaces of their own, joined by a veth pair, with a round trip of
// 0, 0.2, 1 and 5 ms added between them by tools/latency-proxy; beside them
// the together and composed layouts, at the same load, on Spin and on the
// local runtime. Needs root for the namespaces (--loopback does without,
// and without the hop); everything it makes is removed however it ends.
// Writes results.json and summary.md; a full run into bench/results/apart
// also refreshes the results section of docs/kubernetes.md.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { refreshDocSection } from './lib/doc-sections.js';
import { main, parseCommandLine } from './lib/cli.js';
import { ROOT } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { checkAnswers, read } from './lib/bench/answers.js';
import { machine, runtimeVersion } from './lib/bench/environment.js';
import { Progress } from './lib/bench/progress.js';
import { runtimesToMeasure } from './lib/bench/runtimes.js';
import { probeHop } from './lib/apart/hop.js';
import { type MadeNamespaces, makeNamespaces, requireRoot } from './lib/apart/namespaces.js';
import { FULL, QUICK, roundOrder, subjectName } from './lib/apart/plan.js';
import { buildLatencyProxy } from './lib/apart/proxy.js';
import { markdown } from './lib/apart/report.js';
import type { ApartResults } from './lib/apart/results.js';
import { type Layouts, startLayouts } from './lib/apart/servers.js';
import { APART_BEHIND, loopbackTopology, NAMESPACE_TOPOLOGY } from './lib/apart/topology.js';
import { measure, warmUp } from './lib/apart/measure.js';

const COMMAND = 'npm run bench:apart';
const RESULTS_DIR = join(ROOT, 'bench', 'results', 'apart');
/** The page whose results section a full run rewrites. */
const RESULTS_PAGE = 'docs/kubernetes.md';
const USAGE = `usage: ${COMMAND} -- [--quick] [--runtime local|spin|both] [--loopback] [--out DIR]`;

main(async () => {
  const { values } = parseCommandLine(
    {
      options: {
        quick: { type: 'boolean', default: false },
        runtime: { type: 'string' },
        loopback: { type: 'boolean', default: false },
        out: { type: 'string' },
      },
    },
    USAGE,
  );
  const plan = values.quick ? QUICK : FULL;
  const runtimes = runtimesToMeasure(values.runtime);
  if (!values.loopback) requireRoot(COMMAND);
  // A quick run is a smoke test: it never replaces the results the docs show.
  const out = values.out ?? (values.quick ? join(ROOT, 'build', 'bench-apart-quick') : RESULTS_DIR);
  const args = [
    ...(values.quick ? ['--quick'] : []),
    ...(values.runtime === undefined ? [] : ['--runtime', values.runtime]),
    ...(values.loopback ? ['--loopback'] : []),
  ];
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
      command: `${COMMAND}${args.length ? ` -- ${args.join(' ')}` : ''}`,
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
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
    await writeFile(join(out, 'summary.md'), `${summary}\n`);
    console.log(`\n${summary}\n`);
    console.log(`Wrote ${['results.json', 'summary.md'].map((f) => relative(ROOT, join(out, f))).join(', ')}`);
    if (out === RESULTS_DIR && plan.name === 'full') {
      await refreshDocSection(RESULTS_PAGE, 'bench:apart', summary);
      console.log(`Refreshed the results section of ${RESULTS_PAGE}`);
    }
  } finally {
    await Promise.all(layouts.map((l) => l.stop()));
    made.remove();
    await rm(statsDir, { recursive: true, force: true });
  }
});
