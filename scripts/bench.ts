// npm run bench [-- --quick] [--runtime local|spin] [--out DIR]
// The three wirings side by side, in one run: each served by its own server,
// loaded in turn (network, chain, wit, network, ...) by autocannon in a
// separate process, after a warm-up. Then a sweep of the work per request.
// Writes results.json, summary.md and SVG charts; a full run into
// bench/results also refreshes the README's results section.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { transpilerVersion } from '../runtime/prepare.js';
import { toolchain } from './lib/jco.js';
import { ROOT } from './lib/project.js';
import { buildAndCompose, main, UserError } from './lib/run.js';
import { toolVersion } from './lib/tools.js';
import { barChart, sweepChart } from './lib/bench/charts.js';
import { generateLoad } from './lib/bench/load.js';
import { benchPath, FULL, QUICK, WIRING_ORDER, type Plan } from './lib/bench/plan.js';
import { cpuSeconds, peakMemoryMiB, processTree } from './lib/bench/processes.js';
import { markdown } from './lib/bench/report.js';
import type { Measurement, Results, Sample } from './lib/bench/results.js';
import { checkRuntime, startServer, type RuntimeName, type Server } from './lib/bench/servers.js';
import type { Wiring } from './lib/up.js';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
const README_START = '<!-- bench:results:start -->';
const README_END = '<!-- bench:results:end -->';

function options(): { plan: Plan; runtime: RuntimeName; out: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: { quick: { type: 'boolean', default: false }, runtime: { type: 'string', default: 'local' }, out: { type: 'string' } },
    }));
  } catch (error) {
    throw new UserError(`${(error as Error).message}\nusage: npm run bench -- [--quick] [--runtime local|spin] [--out DIR]`);
  }
  if (values.runtime !== 'local' && values.runtime !== 'spin') throw new UserError(`--runtime is local or spin, not "${values.runtime}"`);
  const plan = values.quick ? QUICK : FULL;
  // A quick run is a smoke test: it never replaces the results the README shows.
  const out = values.out ?? (values.quick ? join(ROOT, 'build', 'bench-quick') : RESULTS_DIR);
  return { plan, runtime: values.runtime, out };
}

async function versions(runtime: RuntimeName): Promise<Record<string, string>> {
  const { jco, componentizeJs } = toolchain();
  const found = {
    jco,
    'componentize-js': componentizeJs,
    'runtime bindings': `jco ${await transpilerVersion()}`,
    wac: (await toolVersion('wac')) ?? 'not installed',
  };
  return runtime === 'spin' ? { ...found, spin: (await toolVersion('spin')) ?? 'unknown' } : found;
}

class Progress {
  private done = 0;
  constructor(private readonly total: number) {}
  step(text: string): void {
    this.done++;
    const line = `[${this.done}/${this.total}] ${text}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(100)}`);
    else console.log(line);
  }
  end(): void {
    if (process.stdout.isTTY) process.stdout.write('\n');
  }
}

async function round(server: Server, path: string, connections: number, seconds: number, index: number): Promise<Sample> {
  const before = cpuSeconds(processTree(server.pid));
  const load = await generateLoad(`${server.url}${path}`, connections, seconds);
  const tree = processTree(server.pid);
  const cpuMs = (cpuSeconds(tree) - before) * 1000;
  return { ...load, wiring: server.wiring, round: index, cpuMsPerRequest: cpuMs / Math.max(load.requests, 1), peakMemoryMiB: peakMemoryMiB(tree) };
}

async function measure(servers: Map<Wiring, Server>, path: string, connections: number, rounds: number, seconds: number, progress: Progress): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const wiring of WIRING_ORDER) {
      const sample = await round(servers.get(wiring) as Server, path, connections, seconds, r);
      samples.push(sample);
      progress.step(`GET ${path} at ${connections} connections, round ${r + 1}/${rounds}, ${wiring}: ${sample.requestsPerSecond.toFixed(0)} req/s`);
    }
  }
  return samples;
}

/** Numbers are only worth having when every wiring gives the right answer: checked once, before any load. */
async function checkAnswers(servers: Map<Wiring, Server>, paths: string[]): Promise<void> {
  for (const path of paths) {
    const bodies = await Promise.all(
      [...servers.values()].map(async (server) => {
        const response = await fetch(`${server.url}${path}`);
        const body = await response.text();
        if (response.status !== 200) throw new UserError(`${server.wiring} answers GET ${path} with ${response.status}: ${body.slice(0, 200)}`);
        return body;
      }),
    );
    if (new Set(bodies).size !== 1) throw new UserError(`the wirings answer GET ${path} differently: ${bodies.join(' | ')}`);
  }
}

async function refreshReadme(summary: string): Promise<void> {
  const readme = join(ROOT, 'README.md');
  const text = await readFile(readme, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new UserError(`README.md has no ${README_START} ... ${README_END} section to put the results in`);
  const charts = ['throughput', 'latency', 'sweep'].map((name) => `![${name}](bench/results/${name}.svg)`).join('\n');
  await writeFile(readme, `${text.slice(0, start + README_START.length)}\n${summary}\n${charts}\n${text.slice(end)}`);
}

main(async () => {
  const { plan, runtime, out } = options();
  checkRuntime(runtime);
  await buildAndCompose();

  const servers = new Map<Wiring, Server>();
  try {
    for (const wiring of WIRING_ORDER) servers.set(wiring, await startServer(runtime, wiring));
    await checkAnswers(servers, [plan.page.path, ...plan.sweep.points.map(benchPath)]);
    const steps = WIRING_ORDER.length * (1 + plan.page.concurrency.length * plan.page.rounds + plan.sweep.points.length * plan.sweep.rounds);
    const progress = new Progress(steps);
    for (const wiring of WIRING_ORDER) {
      await generateLoad(`${servers.get(wiring)?.url}${plan.page.path}`, Math.max(...plan.page.concurrency), plan.warmupSeconds);
      progress.step(`warm-up, ${wiring}`);
    }
    const page: Measurement[] = [];
    for (const connections of plan.page.concurrency) {
      page.push({ path: plan.page.path, concurrency: connections, samples: await measure(servers, plan.page.path, connections, plan.page.rounds, plan.page.seconds, progress) });
    }
    const sweep: Measurement[] = [];
    for (const point of plan.sweep.points) {
      const path = benchPath(point);
      sweep.push({ path, point, concurrency: plan.sweep.concurrency, samples: await measure(servers, path, plan.sweep.concurrency, plan.sweep.rounds, plan.sweep.seconds, progress) });
    }
    progress.end();

    const results: Results = {
      date: new Date().toISOString(),
      command: `npm run bench${plan.name === 'quick' ? ' -- --quick' : ''}${runtime === 'spin' ? ' --runtime spin' : ''}`,
      plan: plan.name,
      runtime: runtime === 'spin' ? 'Spin' : 'local',
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        os: `${type()} ${release()}`,
        node: process.version,
      },
      versions: await versions(runtime),
      page,
      sweep,
    };
    const summary = markdown(results);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
    await writeFile(join(out, 'summary.md'), summary);
    await writeFile(join(out, 'throughput.svg'), barChart(page, 'rps', 'Requests per second (median, min–max across rounds)', 'requests per second'));
    await writeFile(join(out, 'latency.svg'), barChart(page, 'p50', 'Median latency (median, min–max across rounds)', 'p50 latency, ms'));
    await writeFile(join(out, 'sweep.svg'), sweepChart(sweep));
    console.log(`\n${summary}`);
    console.log(`Wrote ${['results.json', 'summary.md', 'throughput.svg', 'latency.svg', 'sweep.svg'].map((f) => relative(ROOT, join(out, f))).join(', ')}`);
    if (out === RESULTS_DIR && plan.name === 'full') {
      await refreshReadme(summary);
      console.log('Refreshed the results section of README.md');
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.stop()));
  }
});
