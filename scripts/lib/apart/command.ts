// What the benchmarks run in network namespaces (bench:apart, bench:replicas)
// share: their command line, and where a run's results go.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseCommandLine } from '../cli.js';
import { refreshDocSection } from '../doc-sections.js';
import { ROOT } from '../project.js';

export interface NamespaceBench {
  /** `npm run bench:apart`. */
  command: string;
  /** Where a full run writes, and the page and section it refreshes. */
  resultsDir: string;
  page: string;
  section: string;
}

export interface BenchCommandLine {
  quick: boolean;
  runtime?: string;
  loopback: boolean;
  /** Where this run writes: --out, or the results directory, or build/ for a quick run. */
  out: string;
  /** The command as run, for the results. */
  invocation: string;
}

export function readCommandLine(bench: NamespaceBench): BenchCommandLine {
  const { values } = parseCommandLine(
    {
      options: {
        quick: { type: 'boolean', default: false },
        runtime: { type: 'string' },
        loopback: { type: 'boolean', default: false },
        out: { type: 'string' },
      },
    },
    `usage: ${bench.command} -- [--quick] [--runtime local|spin|both] [--loopback] [--out DIR]`,
  );
  const { quick = false, runtime, loopback = false } = values;
  const args = [
    ...(quick ? ['--quick'] : []),
    ...(runtime === undefined ? [] : ['--runtime', runtime]),
    ...(loopback ? ['--loopback'] : []),
  ];
  // A quick run is a smoke test: it never replaces the results the docs show.
  const quickDir = join(ROOT, 'build', `${bench.command.replace('npm run ', '').replace(':', '-')}-quick`);
  return {
    quick,
    runtime,
    loopback,
    out: values.out ?? (quick ? quickDir : bench.resultsDir),
    invocation: `${bench.command}${args.length ? ` -- ${args.join(' ')}` : ''}`,
  };
}

/** Writes results.json and summary.md into `out`, prints the summary, and refreshes the docs' section after a full run into the results directory. */
export async function writeRun(bench: NamespaceBench, out: string, full: boolean, results: object, summary: string): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
  await writeFile(join(out, 'summary.md'), `${summary}\n`);
  console.log(`\n${summary}\n`);
  console.log(`Wrote ${['results.json', 'summary.md'].map((f) => relative(ROOT, join(out, f))).join(', ')}`);
  if (out === bench.resultsDir && full) {
    await refreshDocSection(bench.page, bench.section, summary);
    console.log(`Refreshed the ${bench.section} section of ${bench.page}`);
  }
}
