// npm run bench:wit [-- --quick] [--runtime local|spin|both] [--aot] [--out DIR]
// WIT crossings alone: what one more call and one more book cost across a
// component boundary, in five shapes, and on which side of it. Each pair of
// a caller and an exporter (bench/crossings/) is served by Spin and by the
// local runtime from one manifest; the caller times its calls itself.
// --aot adds the exporter compiled ahead of time (installing weval once).
// Writes results.json and summary.md; a full run into bench/results/crossings
// also refreshes the crossings section of docs/wit-crossings.md.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { machine, runtimeVersion, toolchainVersions } from './lib/bench/environment.js';
import { Progress } from './lib/bench/progress.js';
import { runtimesToMeasure } from './lib/bench/runtimes.js';
import { main, parseCommandLine } from './lib/cli.js';
import { linkFrom, refreshDocSection } from './lib/doc-sections.js';
import { CALLERS, EXPORTERS, PAIRS, type Pair } from './lib/crossings/guests.js';
import { writeCrossingsManifest } from './lib/crossings/manifest.js';
import { checkPairs, measurePoints } from './lib/crossings/measure.js';
import { FULL, LIST_SHAPES, points, QUICK } from './lib/crossings/plan.js';
import { type CrossingsResults, markdown, pageSummary } from './lib/crossings/report.js';
import { ROOT, wasmPath } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { type ServedApp, serve } from './lib/serve.js';

const RESULTS_DIR = join(ROOT, 'bench', 'results', 'crossings');
/** The page whose crossings section a full run rewrites. */
const CROSSINGS_PAGE = 'docs/wit-crossings.md';
const USAGE = 'usage: npm run bench:wit -- [--quick] [--runtime local|spin|both] [--aot] [--out DIR]';

function options() {
  const { values } = parseCommandLine(
    {
      options: {
        quick: { type: 'boolean', default: false },
        runtime: { type: 'string' },
        aot: { type: 'boolean', default: false },
        out: { type: 'string' },
      },
    },
    USAGE,
  );
  const args = [
    ...(values.quick ? ['--quick'] : []),
    ...(values.runtime === undefined ? [] : ['--runtime', values.runtime]),
    ...(values.aot ? ['--aot'] : []),
  ];
  return {
    pairs: PAIRS.filter((pair) => values.aot || !pair.exporter.aot),
    plan: values.quick ? QUICK : FULL,
    runtimes: runtimesToMeasure(values.runtime),
    // A quick run is a smoke test: it never replaces the results the docs show.
    out: values.out ?? (values.quick ? join(ROOT, 'build', 'bench-wit-quick') : RESULTS_DIR),
    command: `npm run bench:wit${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
}

async function sizes(pairs: readonly Pair[]): Promise<Record<string, number>> {
  const names = [...new Set(pairs.flatMap((p) => [p.caller.guest, p.exporter.guest, p.composition.name]))];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await stat(wasmPath(name))).size] as const)));
}

main(async () => {
  const { plan, runtimes, pairs: measured, out, command } = options();
  await buildAndCompose(measured.map((p) => p.composition.name));
  const manifest = await writeCrossingsManifest(measured);
  const pairs = measured.map((pair) => pair.id);
  const servers: ServedApp[] = [];
  try {
    // Spin compiles every pair before it serves: minutes, for a dozen components of 20 MiB.
    for (const runtime of runtimes) servers.push(await serve({ runtime, manifest, startWithin: 60 * pairs.length }));

    await checkPairs(servers, pairs);
    const asked = points(plan);
    const progress = new Progress(asked.length + 1);
    // Every shape once from every pair, unrecorded: no point pays for a cold start.
    await measurePoints(
      servers,
      pairs,
      LIST_SHAPES.map((shape) => ({ shape, n: 100, calls: 1, via: 'direct' })),
      1,
      new Progress(LIST_SHAPES.length),
    );
    progress.step('warmed up');
    const samples = await measurePoints(servers, pairs, asked, plan.samples, progress);
    progress.end();

    const results: CrossingsResults = {
      date: new Date().toISOString(),
      command,
      plan: plan.name,
      runtimes: await Promise.all(runtimes.map((kind) => runtimeVersion({ id: kind, kind }))),
      machine: machine(),
      versions: await toolchainVersions(),
      sizes: await sizes(measured),
      samples: plan.samples,
      callers: CALLERS.filter((c) => measured.some((p) => p.caller === c)),
      exporters: EXPORTERS.filter((e) => measured.some((p) => p.exporter === e)),
      pairs,
      results: samples,
    };
    const summary = markdown(results, plan.sizes);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
    await writeFile(join(out, 'summary.md'), summary);
    console.log(`\n${summary}`);
    console.log(`Wrote ${['results.json', 'summary.md'].map((f) => relative(ROOT, join(out, f))).join(', ')}`);
    if (out === RESULTS_DIR && plan.name === 'full') {
      await refreshDocSection(CROSSINGS_PAGE, 'bench:wit', pageSummary(results, linkFrom(CROSSINGS_PAGE, join(out, 'summary.md'))));
      console.log(`Refreshed the crossings section of ${CROSSINGS_PAGE}`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
});
