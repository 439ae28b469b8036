// The benchmark's results as tables: Markdown, aligned so that the same text
// reads well in a terminal and renders on GitHub. Each runtime gets its own
// tables, Spin's first; when both ran, local / Spin ratios follow.
import { fileSize } from '../format.js';
import { runtimeLabel, table } from '../markdown.js';
import { DEFAULT_ENGINE, ENGINES, type Wiring } from '../project.js';
import { beyondThePage, FLOOR, otherNodeOf, type RuntimeId, sameVariant, type Variant, variantName } from './plan.js';
import type { StepCosts, Timing } from './steps.js';
import { errors, marginalCost, metric, ratio, rounds, type Measurement, type Metric, type Results, type Spread } from './results.js';

const fixed = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
/** Median, with the range across rounds when there was more than one. */
const ranged = (s: Spread, digits = 1): string =>
  s.min === s.max ? fixed(s.median, digits) : `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`;

function pageTable(m: Measurement, runtime: RuntimeId, variants: readonly Variant[]): string {
  const rows = variants.map((variant) => {
    const of = (name: Metric): Spread => metric(m, { runtime, ...variant }, name);
    return [
      variantName(variant),
      ranged(of('rps')),
      `${fixed(of('p50').median, 0)} / ${fixed(of('p90').median, 0)} / ${fixed(of('p99').median, 0)}`,
      ranged(of('cpu'), 2),
      fixed(of('memory').max, 0),
      String(errors(m, { runtime, ...variant })),
    ];
  });
  return table(['variant', 'req/s median (min–max)', 'latency p50 / p90 / p99 ms', 'CPU ms per request', 'peak MiB', 'errors'], rows);
}

/** Each wiring against the one it varies: composing or the network against chaining; a Python frontend against the TypeScript one. */
const BASELINE: Partial<Record<Wiring, Wiring>> = { wit: 'chain', deps: 'chain', network: 'chain', 'chain-py': 'chain', 'wit-py': 'wit' };

/**
 * What a variant is compared with: its wiring's baseline on the default
 * engine; its own wiring there when book-api is on another engine; on WASI
 * 0.3, its own wiring on WASI 0.2, and an instance a request against reuse.
 */
function baselineOf(variant: Variant): Variant | undefined {
  if (variant.wiring === FLOOR) return undefined;
  if (variant.build === 'p3-once') return { wiring: variant.wiring, engine: variant.engine, build: 'p3' };
  if (variant.build === 'p3') return { wiring: variant.wiring, engine: variant.engine };
  if (variant.engine !== DEFAULT_ENGINE.name) return { wiring: variant.wiring, engine: DEFAULT_ENGINE.name };
  const against = BASELINE[variant.wiring];
  return against && { wiring: against, engine: variant.engine };
}

/** Each variant against the floor of its WASI build: how far it is from the least Spin can do for the page. */
const floorOf = (variant: Variant): Variant | undefined =>
  variant.wiring === FLOOR ? undefined : { wiring: FLOOR, engine: DEFAULT_ENGINE.name, ...(variant.build ? { build: variant.build } : {}) };

function variantRatioLines(m: Measurement, runtime: RuntimeId, variants: readonly Variant[], baseline = baselineOf): string {
  return variants
    .flatMap((variant) => {
      const against = baseline(variant);
      if (!against || !variants.some((v) => sameVariant(v, against))) return [];
      const of = (name: Metric): string => ranged(ratio(m, { runtime, ...variant }, { runtime, ...against }, name), 2);
      return [
        `- ${variantName(variant)} / ${variantName(against)}: throughput ${of('rps')}, p50 latency ${of('p50')}, CPU per request ${of('cpu')}`,
      ];
    })
    .join('\n');
}

/** The local runtime (on one Node) over Spin, for the same variant in the same round. */
const localOverSpin = (m: Measurement, local: RuntimeId, variant: Variant, name: Metric): Spread =>
  ratio(m, { runtime: local, ...variant }, { runtime: 'spin', ...variant }, name);

function runtimeRatioLines(m: Measurement, local: RuntimeId, variants: readonly Variant[]): string {
  return variants
    .map((variant) => {
      const of = (name: Metric): string => ranged(localOverSpin(m, local, variant, name), 2);
      return `- ${variantName(variant)}: throughput ${of('rps')}, p50 latency ${of('p50')}, CPU per request ${of('cpu')}, peak memory ${of('memory')}`;
    })
    .join('\n');
}

function sweepTable(sweep: Measurement[], runtime: RuntimeId, variants: readonly Variant[]): string {
  const rows = sweep.map((m) => [
    String(m.point?.calls ?? ''),
    String(m.point?.count ?? ''),
    ...variants.map((variant) => {
      const subject = { runtime, ...variant };
      const failed = errors(m, subject);
      return `${fixed(metric(m, subject, 'cpu').median, 2)} ms, p50 ${fixed(metric(m, subject, 'p50').median, 0)} ms${failed ? `, ${failed} errors` : ''}`;
    }),
  ]);
  return table(['calls', 'books per call', ...variants.map((v) => `${variantName(v)}: CPU per request, p50 latency`)], rows);
}

function marginalLines(sweep: Measurement[], runtime: RuntimeId, variants: readonly Variant[]): string {
  const per = (axis: 'calls' | 'count', unit: string, digits: number): string => {
    const costs = variants.map((v) => `${variantName(v)} ${fixed(marginalCost(sweep, { runtime, ...v }, axis) ?? NaN, digits)} ms`);
    return `${costs.join(', ')} per extra ${unit}`;
  };
  return [
    `- CPU per call, instantiation of the outer request excluded: ${per('calls', 'call', 3)}`,
    `- CPU per book in the payload: ${per('count', 'book', 5)}`,
  ].join('\n');
}

function sweepRatioTable(sweep: Measurement[], local: RuntimeId, variants: readonly Variant[]): string {
  const rows = sweep.map((m) => [
    String(m.point?.calls ?? ''),
    String(m.point?.count ?? ''),
    ...variants.map((variant) => ranged(localOverSpin(m, local, variant, 'cpu'), 2)),
  ]);
  return table(['calls', 'books per call', ...variants.map(variantName)], rows);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function stepsTable(steps: StepCosts[]): string {
  const cell = (t: Timing): string => `${fixed(t.median, 2)} / ${fixed(t.p90, 2)}`;
  const rows = steps.map((s) => [
    s.component,
    s.node,
    cell(s.instantiate),
    cell(s.reset),
    cell(s.imageCopy),
    cell(s.serve),
    cell(s.handOff),
  ]);
  return table(
    ['component', 'Node', 'instantiate', 'reset the memory', 'of which copying the image', 'serve', 'hand-off to a worker and back'],
    rows,
  );
}

function startupTable({ runtimes, variants, startup }: Results): string {
  const rows = variants.map((variant) => [
    variantName(variant),
    ...runtimes.map(({ name }) => fixed((startup.find((s) => s.runtime === name && sameVariant(s, variant))?.ms ?? NaN) / 1000, 1)),
  ]);
  return table(['variant', ...runtimes.map(runtimeLabel)], rows);
}

/** What a variant's name says of its engine. */
function enginesLine(variants: readonly Variant[]): string {
  const engines = ENGINES.filter((engine) => variants.some((v) => v.engine === engine.name));
  const named = engines.map((engine) =>
    engine === DEFAULT_ENGINE ? `a wiring's name alone, on ${engine.describes}` : `/${engine.suffix.slice(1)} on ${engine.describes}`,
  );
  const wasi = variants.some((v) => v.build)
    ? ' On WASI 0.2 unless named: /p3 on WASI 0.3, instances reused as Spin 4 does (128 requests each); /p3-once on WASI 0.3, an instance a request (--max-instance-reuse-count 1).'
    : '';
  return `book-api: ${named.join('; ')}.${wasi}`;
}

function sizesLine(sizes: Record<string, number>): string {
  return `Components: ${Object.entries(sizes)
    .map(([name, bytes]) => `${name} ${fileSize(bytes)}`)
    .join(', ')}.`;
}

export function markdown(results: Results): string {
  const { machine, versions, runtimes, variants } = results;
  /** The variants the sweep and the write measure: all but the floor, which serves the page alone. */
  const served = beyondThePage(variants);
  const spin = runtimes.some((r) => r.name === 'spin');
  const locals = runtimes.filter((r) => r.name !== 'spin');
  const both = spin && locals.length > 0;
  const perRuntime = (body: (runtime: RuntimeId) => string[]): string[] =>
    runtimes.flatMap((r) => [`On ${runtimeLabel(r)}:`, '', ...body(r.name)]);
  /** For each local runtime, when Spin ran too: `heading` on it, then its ratios to Spin. */
  const overSpin = (heading: string, body: (local: RuntimeId) => string): string[] =>
    spin
      ? locals.flatMap((local) => {
          const node = otherNodeOf(local.name);
          return [`local${node ? ` on Node ${node}` : ''} / Spin, ${heading}:`, '', body(local.name), ''];
        })
      : [];
  return [
    `Measured on ${results.date.slice(0, 10)} with \`${results.command}\` (${results.plan} plan):`,
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node};`,
    `${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    `${runtimes.length > 1 ? 'Runtimes' : 'Runtime'}: ${runtimes.map(runtimeLabel).join(' and ')}${both ? ', taking turns on each variant in every round' : ''}.`,
    enginesLine(variants),
    sizesLine(results.sizes),
    '',
    '**Start-up**, from starting the runtime to its first healthy answer, in s (compiled anew, as on a first `spin up`):',
    '',
    startupTable(results),
    '',
    ...results.page.flatMap((m) => [
      `**GET ${m.path}, ${plural(m.concurrency, 'connection')}**, ${plural(rounds(m), 'round')}`,
      '',
      ...perRuntime((runtime) => [
        pageTable(m, runtime, variants),
        '',
        variantRatioLines(m, runtime, variants),
        '',
        'Against the floor of the same WASI version, one Rust component with no call and no store:',
        '',
        variantRatioLines(m, runtime, variants, floorOf),
        '',
      ]),
      ...overSpin('round by round', (local) => runtimeRatioLines(m, local, variants)),
    ]),
    ...results.write.flatMap((m) => [
      `**The write: POST ${m.path}** with a JSON book and the token, through the frontend, ${plural(m.concurrency, 'connection')}, ${plural(rounds(m), 'round')}`,
      '',
      ...perRuntime((runtime) => [pageTable(m, runtime, served), '', variantRatioLines(m, runtime, served), '']),
      ...overSpin('round by round', (local) => runtimeRatioLines(m, local, served)),
    ]),
    `**Work-size sweep**: GET /bench?calls=N&count=M, ${plural(results.sweep[0]?.concurrency ?? 0, 'connection')}, ${plural(results.sweep[0] ? rounds(results.sweep[0]) : 0, 'round')}`,
    '',
    ...perRuntime((runtime) => [sweepTable(results.sweep, runtime, served), '', marginalLines(results.sweep, runtime, served), '']),
    ...overSpin('CPU per request round by round', (local) => sweepRatioTable(results.sweep, local, served)),
    '**One request, step by step, on the local runtime** (median / p90, in ms, measured in process):',
    '',
    stepsTable(results.steps),
    '',
  ].join('\n');
}
