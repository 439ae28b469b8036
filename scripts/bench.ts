// npm run bench [-- --quick] [--runtime local|spin|both] [--node PATH|24|26]... [--wiring W]... [--engine E]... [--wasi V]... [--out DIR]
// The wirings side by side, with book-api on each engine built (or those
// named), on WASI 0.2 and, once built, on WASI 0.3 with Spin's reuse and
// without it (or the versions named), on Spin and on the local runtime, in one run: each (runtime,
// wiring, engine) served by its own server, loaded in turn by
// autocannon in a separate process, after a warm-up, the runtimes taking
// turns on each wiring in every round so that the machine's drift hits both
// alike; with --node, the local runtime on each Node named, as runtimes of
// their own. Then a sweep of the work per request. Without `spin` on PATH, the
// local runtime alone. Writes results.json, summary.md and SVG charts; a full
// run into bench/results also refreshes the results section of docs/benchmark-results.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ROOT } from './lib/project.js';
import { pathFrom, refreshDocSection } from './lib/doc-sections.js';
import { main, parseCommandLine } from './lib/cli.js';
import { buildAndCompose } from './lib/run.js';
import { checkAnswers, read } from './lib/bench/answers.js';
import { barChart, sweepChart } from './lib/bench/charts.js';
import { componentSizes, machine, runtimeVersion, toolchainVersions } from './lib/bench/environment.js';
import { measure, warmUp, type Bench } from './lib/bench/measure.js';
import {
  benchPath,
  beyondThePage,
  FLOOR,
  FULL,
  QUICK,
  roundOrder,
  type Variant,
  variantName,
  variantOf,
  WRITE,
  type Plan,
} from './lib/bench/plan.js';
import { type BenchRuntime, benchRuntimes } from './lib/bench/runtimes.js';
import { Progress } from './lib/bench/progress.js';
import { markdown } from './lib/bench/report.js';
import type { Measurement, Results } from './lib/bench/results.js';
import { startServer, type Server } from './lib/bench/servers.js';
import { pageSteps, pageStepsOn } from './lib/bench/steps.js';
import { variantsToMeasure } from './lib/bench/variants.js';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** The page whose results section a full run rewrites. */
const RESULTS_PAGE = 'docs/benchmark-results.md';
const USAGE =
  'usage: npm run bench -- [--quick] [--runtime local|spin|both] [--node PATH|24|26]... [--wiring W]... [--engine E]... [--wasi 0.2|0.3]... [--out DIR]';

async function options(): Promise<{
  plan: Plan;
  runtimes: BenchRuntime[];
  variants: Variant[];
  /** Every wiring on both WASI versions: a full run of them may stand for the project's results. */
  everything: boolean;
  out: string;
  command: string;
}> {
  const { values } = parseCommandLine(
    {
      options: {
        quick: { type: 'boolean', default: false },
        runtime: { type: 'string' },
        node: { type: 'string', multiple: true },
        wiring: { type: 'string', multiple: true },
        engine: { type: 'string', multiple: true },
        wasi: { type: 'string', multiple: true },
        out: { type: 'string' },
      },
    },
    USAGE,
  );
  const plan = values.quick ? QUICK : FULL;
  // A quick run is a smoke test: it never replaces the results the docs show.
  const out = values.out ?? (values.quick ? join(ROOT, 'build', 'bench-quick') : RESULTS_DIR);
  const args = [
    ...(values.quick ? ['--quick'] : []),
    ...(values.runtime === undefined ? [] : ['--runtime', values.runtime]),
    ...(values.node ?? []).flatMap((node) => ['--node', node]),
    ...(values.wiring ?? []).flatMap((wiring) => ['--wiring', wiring]),
    ...(values.engine ?? []).flatMap((engine) => ['--engine', engine]),
    ...(values.wasi ?? []).flatMap((version) => ['--wasi', version]),
  ];
  const { variants, everything } = variantsToMeasure(values, USAGE);
  return {
    plan,
    runtimes: await benchRuntimes(values.runtime, values.node ?? []),
    variants,
    everything,
    out,
    command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
}

main(async () => {
  const { plan, runtimes, variants, everything, out, command } = await options();
  const ids = runtimes.map((runtime) => runtime.id);
  await buildAndCompose();

  // Before any server runs, while the machine is otherwise quiet: in process, and by each other Node named.
  const steps = await pageSteps();
  for (const { node } of runtimes) if (node !== undefined) steps.push(...(await pageStepsOn(node)));
  const servers: Server[] = [];
  try {
    for (const runtime of runtimes) for (const variant of variants) servers.push(await startServer(runtime, variant));
    const answering = (all: readonly Server[]) =>
      all.map((server) => ({ url: server.url, name: `${variantName(server)} on ${server.runtime}` }));
    // The floor serves the page alone: the same bytes as every wiring for it, and nothing else.
    await checkAnswers(answering(servers), [read(plan.page.path)]);
    const beyond = beyondThePage(variants);
    await checkAnswers(answering(servers.filter((server) => server.wiring !== FLOOR)), [
      ...plan.sweep.points.map(benchPath).map(read),
      { path: WRITE.path, sent: WRITE, status: 201 },
    ]);
    const turns = (rounds: number, of: readonly Variant[]): number => rounds * roundOrder(ids, of, 0).length;
    const allTurns =
      turns(1 + plan.page.concurrency.length * plan.page.rounds, variants) +
      turns(plan.sweep.points.length * plan.sweep.rounds + plan.write.concurrency.length * plan.write.rounds, beyond);
    const bench: Bench = { servers, runtimes: ids, variants, progress: new Progress(allTurns) };
    await warmUp(bench, { path: plan.page.path, connections: Math.max(...plan.page.concurrency), seconds: plan.warmupSeconds });
    const page: Measurement[] = [];
    for (const connections of plan.page.concurrency) {
      const samples = await measure(bench, { path: plan.page.path, connections, seconds: plan.page.seconds }, plan.page.rounds);
      page.push({ path: plan.page.path, concurrency: connections, samples });
    }
    const sweep: Measurement[] = [];
    for (const point of plan.sweep.points) {
      const path = benchPath(point);
      const load = { path, connections: plan.sweep.concurrency, seconds: plan.sweep.seconds };
      const samples = await measure(bench, load, plan.sweep.rounds, beyond);
      sweep.push({ path, point, concurrency: plan.sweep.concurrency, samples });
    }
    const write: Measurement[] = [];
    for (const connections of plan.write.concurrency) {
      const load = { path: WRITE.path, sent: WRITE, connections, seconds: plan.write.seconds };
      const samples = await measure(bench, load, plan.write.rounds, beyond);
      write.push({ path: WRITE.path, concurrency: connections, samples });
    }
    bench.progress.end();

    const results: Results = {
      date: new Date().toISOString(),
      command,
      plan: plan.name,
      runtimes: await Promise.all(runtimes.map(runtimeVersion)),
      variants,
      sizes: await componentSizes(),
      machine: machine(),
      versions: await toolchainVersions(),
      startup: servers.map((server) => ({ runtime: server.runtime, ...variantOf(server), ms: server.startupMs })),
      page,
      sweep,
      write,
      steps,
    };
    const summary = markdown(results);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
    await writeFile(join(out, 'summary.md'), summary);
    await writeFile(
      join(out, 'throughput.svg'),
      barChart(page, ids, variants, 'rps', 'Requests per second (median, min–max across rounds)', 'requests per second'),
    );
    await writeFile(
      join(out, 'latency.svg'),
      barChart(page, ids, variants, 'p50', 'Median latency (median, min–max across rounds)', 'p50 latency, ms'),
    );
    await writeFile(join(out, 'sweep.svg'), sweepChart(sweep, ids, variants));
    console.log(`\n${summary}`);
    console.log(
      `Wrote ${['results.json', 'summary.md', 'throughput.svg', 'latency.svg', 'sweep.svg'].map((f) => relative(ROOT, join(out, f))).join(', ')}`,
    );
    if (out === RESULTS_DIR && plan.name === 'full' && everything) {
      const charts = ['throughput', 'latency', 'sweep'].map((name) => `![${name}](${pathFrom(RESULTS_PAGE, join(out, `${name}.svg`))})`);
      await refreshDocSection(RESULTS_PAGE, 'bench:results', `${summary}\n${charts.join('\n')}`);
      console.log(`Refreshed the results section of ${RESULTS_PAGE}`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
});
