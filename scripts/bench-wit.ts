// npm run bench:wit [-- --quick] [--runtime local|spin|both] [--aot] [--wasi 0.2|0.3] [--out DIR]
// WIT crossings alone: what one more call and one more book cost across a
// component boundary, in five shapes, and on which side of it. Each pair of
// a caller and an exporter (bench/crossings/) is served by Spin and by the
// local runtime from one manifest; the caller times its calls itself.
// --aot adds the exporter compiled ahead of time (installing weval once).
// --wasi 0.3 measures instead the forms the contract's function can take on
// WASI 0.3 (synchronous, async, a stream), QuickJS calling QuickJS.
// Writes results.json and summary.md; a full run into bench/results/crossings
// (crossings-p3) also refreshes its section of docs/wit-crossings.md.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { machine, runtimeVersion, toolchainVersions } from './lib/bench/environment.js';
import { Progress } from './lib/bench/progress.js';
import { runtimesToMeasure } from './lib/bench/runtimes.js';
import { main, parseCommandLine, UserError } from './lib/cli.js';
import { linkFrom, refreshDocSection } from './lib/doc-sections.js';
import type { Pair } from './lib/crossings/guests.js';
import { writeCrossingsManifest } from './lib/crossings/manifest.js';
import { checkPairs, measurePoints } from './lib/crossings/measure.js';
import { FULL, points, QUICK, rounds } from './lib/crossings/plan.js';
import type { CrossingsResults } from './lib/crossings/report.js';
import { isWasiVersion, SUITES, WASI_VERSIONS } from './lib/crossings/suites.js';
import { BUILD_DIR, ROOT, wasmPath } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { type ServedApp, serve } from './lib/serve.js';

/** The page whose crossings sections a full run rewrites. */
const CROSSINGS_PAGE = 'docs/wit-crossings.md';
const USAGE = 'usage: npm run bench:wit -- [--quick] [--runtime local|spin|both] [--aot] [--wasi 0.2|0.3] [--out DIR]';

function options() {
  const { values } = parseCommandLine(
    {
      options: {
        quick: { type: 'boolean', default: false },
        runtime: { type: 'string' },
        aot: { type: 'boolean', default: false },
        wasi: { type: 'string', default: '0.2' },
        out: { type: 'string' },
      },
    },
    USAGE,
  );
  if (!isWasiVersion(values.wasi)) throw new UserError(`--wasi is ${WASI_VERSIONS.join(' or ')}, not "${values.wasi}"`);
  const suite = SUITES[values.wasi];
  if (values.aot && !suite.pairs.some((pair) => pair.exporter.aot))
    throw new UserError(`--aot adds a StarlingMonkey exporter, and WASI ${values.wasi}'s pairs have none`);
  const args = [
    ...(values.quick ? ['--quick'] : []),
    ...(values.runtime === undefined ? [] : ['--runtime', values.runtime]),
    ...(values.aot ? ['--aot'] : []),
    ...(values.wasi === '0.2' ? [] : ['--wasi', values.wasi]),
  ];
  const resultsDir = join(ROOT, 'bench', 'results', suite.name);
  return {
    suite,
    pairs: suite.pairs.filter((pair) => values.aot || !pair.exporter.aot),
    plan: values.quick ? QUICK : FULL,
    runtimes: runtimesToMeasure(values.runtime),
    resultsDir,
    // A quick run is a smoke test: it never replaces the results the docs show.
    out: values.out ?? (values.quick ? join(BUILD_DIR, `${suite.name}-quick`) : resultsDir),
    command: `npm run bench:wit${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
}

async function sizes(pairs: readonly Pair[]): Promise<Record<string, number>> {
  const names = [...new Set(pairs.flatMap((p) => [p.caller.guest, p.exporter.guest, p.composition.name]))];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, (await stat(wasmPath(name))).size] as const)));
}

main(async () => {
  const { suite, plan, runtimes, pairs: measured, resultsDir, out, command } = options();
  await buildAndCompose(measured.map((p) => p.composition.name));
  const manifest = await writeCrossingsManifest(measured, suite.name);
  const pairs = measured.map((pair) => pair.id);
  const servers: ServedApp[] = [];
  try {
    // Spin compiles every pair before it serves: minutes, for a dozen components of 20 MiB.
    for (const runtime of runtimes) servers.push(await serve({ runtime, manifest, startWithin: 60 * pairs.length }));

    await checkPairs(servers, pairs, suite.sweep);
    const asked = rounds(points(plan, suite.sweep), suite.sweep);
    const progress = new Progress(asked.length + 1);
    // Every shape once from every pair, unrecorded: no point pays for a cold start.
    const warming = rounds(
      suite.sweep.sizes.map((shape) => ({ shape, n: 100, calls: 1, via: 'direct' as const })),
      suite.sweep,
    );
    await measurePoints(servers, pairs, warming, 1, new Progress(warming.length));
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
      callers: suite.callers.filter((c) => measured.some((p) => p.caller === c)),
      exporters: suite.exporters.filter((e) => measured.some((p) => p.exporter === e)),
      pairs,
      results: samples,
    };
    const summary = suite.markdown(results, plan);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
    await writeFile(join(out, 'summary.md'), summary);
    console.log(`\n${summary}`);
    console.log(`Wrote ${['results.json', 'summary.md'].map((f) => relative(ROOT, join(out, f))).join(', ')}`);
    if (out === resultsDir && plan.name === 'full') {
      await refreshDocSection(
        CROSSINGS_PAGE,
        suite.section,
        suite.pageSummary(results, linkFrom(CROSSINGS_PAGE, join(out, 'summary.md')), plan),
      );
      console.log(`Refreshed the ${suite.section} section of ${CROSSINGS_PAGE}`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
});
