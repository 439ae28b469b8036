// The crossings benchmark's results as Markdown: per runtime, Spin's first,
// what one more call and one more book cost, split by side of the boundary,
// then what one call costs as the books grow.
import type { Results, RuntimeVersion } from '../bench/results.js';
import { fileSize } from '../format.js';
import { runtimeLabel, table } from '../markdown.js';
import type { RuntimeId } from '../bench/plan.js';
import { pointNs, split, UNITS, unitName } from './analysis.js';
import { NULL_EXPORTER, pairId, type Side } from './guests.js';
import type { Sample } from './measure.js';
import { LIST_SHAPES } from './plan.js';

export interface CrossingsResults {
  date: string;
  command: string;
  plan: string;
  runtimes: RuntimeVersion[];
  machine: Results['machine'];
  versions: Record<string, string>;
  /** Each component's size in bytes, by its name under build/. */
  sizes: Record<string, number>;
  samples: number;
  callers: Side[];
  /** The null exporter first. */
  exporters: Side[];
  /** The pairs measured, by id (`ts-to-sm`). */
  pairs: string[];
  results: Sample[];
}

/** Microseconds from nanoseconds, to three significant figures or so. */
export function micros(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '–';
  const us = ns / 1000;
  const digits = Math.abs(us) >= 100 ? 0 : Math.abs(us) >= 10 ? 1 : Math.abs(us) >= 1 ? 2 : 3;
  return us.toFixed(digits);
}

function splitTable(results: CrossingsResults, runtime: RuntimeId): string {
  const exporters = results.exporters.filter((e) => e.name !== NULL_EXPORTER.name);
  const [first] = results.callers;
  const pairs = results.callers.flatMap((c) => exporters.filter((e) => results.pairs.includes(pairId(c, e))).map((e) => [c, e] as const));
  const header = [
    'one more …, µs',
    'floor',
    ...exporters.map((e) => `exporter ${e.name}`),
    ...results.callers.map((c) => `caller ${c.name}`),
    ...pairs.map(([c, e]) => `${c.name} → ${e.name}`),
  ];
  const rows = UNITS.map((unit) => {
    const of = (caller: Side, exporter: Side) => split(results.results, runtime, results.callers, caller, exporter, unit);
    return [
      unitName(unit),
      micros(of(first, NULL_EXPORTER).floor),
      ...exporters.map((e) => micros(of(first, e).exporterSide)),
      ...results.callers.map((c) => micros(of(c, NULL_EXPORTER).callerSide)),
      ...pairs.map(([c, e]) => micros(of(c, e).total)),
    ];
  });
  return table(header, rows);
}

function growthTable(results: CrossingsResults, runtime: RuntimeId, sizes: readonly number[]): string {
  const rows = LIST_SHAPES.flatMap((shape) =>
    results.pairs.map((pair) => [
      shape,
      pair,
      ...sizes.map((n) => micros(pointNs(results.results, runtime, pair, shape, n, 1, 'direct'))),
      ...sizes.map((n) => micros(pointNs(results.results, runtime, pair, shape, n, 1, 'relay'))),
    ]),
  );
  return table(['shape', 'pair', ...sizes.map((n) => `${n} direct`), ...sizes.map((n) => `${n} relayed`)], rows);
}

/** What was measured, on what, with which tools, and how the times were read; `components` adds their sizes. */
export function header(results: CrossingsResults, components: boolean): string[] {
  const sides = [...results.callers, ...results.exporters].map((side) => `${side.name} is ${side.describes}`).join('; ');
  const sizes = Object.entries(results.sizes)
    .map(([name, bytes]) => `${name} ${fileSize(bytes)}`)
    .join(', ');
  const { cpu, cores, memoryGiB, os, node } = results.machine;
  return [
    `Measured on ${results.date.slice(0, 10)} with \`${results.command}\` (${results.plan} plan):`,
    `${cpu}, ${cores} cores, ${memoryGiB} GiB, ${os}, Node ${node};`,
    `${Object.entries(results.versions)
      .map(([tool, version]) => `${tool} ${version}`)
      .join(', ')}.`,
    `Runtimes: ${results.runtimes.map(runtimeLabel).join(' and ')}. Sides: ${sides}.${components ? ` Components: ${sizes}.` : ''}`,
    `Times are read inside the caller from the monotonic clock around its calls, the median of ${results.samples} requests a point.`,
    '',
  ];
}

const splitIntro = (runtime: RuntimeVersion): string[] => [
  `**On ${runtimeLabel(runtime)}**: what one more call or book costs, and where. The floor is the relay calling the null`,
  "exporter (the boundary alone); an exporter's side is the relay calling it, less the floor; a caller's side is it calling",
  'the null exporter, less the floor, with its answer made into books (JSON parsed, columns and strings paired); a pair is',
  'the caller calling the exporter.',
  '',
];

export function markdown(results: CrossingsResults, sizes: readonly number[]): string {
  return [
    ...header(results, true),
    ...results.runtimes.flatMap((runtime) => [
      ...splitIntro(runtime),
      splitTable(results, runtime.name),
      '',
      `One call of n books on ${runtimeLabel(runtime)}, µs, made by the caller (direct) and by the relay:`,
      '',
      growthTable(results, runtime.name, sizes),
      '',
    ]),
  ].join('\n');
}

/** For docs/wit-crossings.md: the first runtime's costs by side (Spin's, when it ran); the rest is in summary.md, linked by `summaryLink`. */
export function pageSummary(results: CrossingsResults, summaryLink: string): string {
  const [first] = results.runtimes;
  return [
    ...header(results, false),
    ...splitIntro(first),
    splitTable(results, first.name),
    '',
    `How one call grows with its books, the local runtime's figures and the components' sizes: ${summaryLink}.`,
  ].join('\n');
}
