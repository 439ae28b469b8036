// The benchmark's numbers: what one round records, and what the rounds say
// together (min, median and max across rounds; ratios between wirings or
// between runtimes, round by round).
import type { LoadResult } from './load.js';
import { type RuntimeId, sameVariant, type Subject, type SweepPoint, type Variant } from './plan.js';
import type { StepCosts } from './steps.js';

export interface Sample extends LoadResult, Subject {
  round: number;
  /** CPU time of the server's processes during the round, per request served. */
  cpuMsPerRequest: number;
  /** The server's peak resident memory so far. */
  peakMemoryMiB: number;
}

export interface Measurement {
  path: string;
  concurrency: number;
  /** For the sweep: the work asked of each request. */
  point?: SweepPoint;
  samples: Sample[];
}

export interface RuntimeVersion {
  name: RuntimeId;
  /** Spin's version, or the local runtime's Node and bindings. */
  version: string;
}

export interface Results {
  date: string;
  command: string;
  plan: string;
  /** In the report's order: Spin first when it was measured. */
  runtimes: RuntimeVersion[];
  /** The variants measured, in the order of every round. */
  variants: Variant[];
  /** Each component's size in bytes, by its name under build/. */
  sizes: Record<string, number>;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
  versions: Record<string, string>;
  /** Each server's start, to its first healthy answer. */
  startup: (Subject & { ms: number })[];
  page: Measurement[];
  sweep: Measurement[];
  /** WRITE, beside the page. */
  write: Measurement[];
  /** What one request costs the local runtime, step by step (npm run bench:runtime measures the same). */
  steps: StepCosts[];
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0] ?? NaN, median: median ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

const METRICS = {
  rps: (s: Sample) => s.requestsPerSecond,
  p50: (s: Sample) => s.latency.p50,
  p90: (s: Sample) => s.latency.p90,
  p99: (s: Sample) => s.latency.p99,
  cpu: (s: Sample) => s.cpuMsPerRequest,
  memory: (s: Sample) => s.peakMemoryMiB,
};
export type Metric = keyof typeof METRICS;

const of = (m: Measurement, subject: Subject): Sample[] =>
  m.samples.filter((s) => s.runtime === subject.runtime && sameVariant(s, subject));

export const rounds = (m: Measurement): number => new Set(m.samples.map((s) => s.round)).size;

export function metric(m: Measurement, subject: Subject, name: Metric): Spread {
  return spread(of(m, subject).map(METRICS[name]));
}

export function errors(m: Measurement, subject: Subject): number {
  return of(m, subject).reduce((sum, s) => sum + s.errors, 0);
}

/** `a` over `b`, pairing the samples of the same round: a ratio above 1 means `a` is the larger. */
export function ratio(m: Measurement, a: Subject, b: Subject, name: Metric): Spread {
  const right = new Map(of(m, b).map((s) => [s.round, s]));
  return spread(
    of(m, a).flatMap((s) => {
      const paired = right.get(s.round);
      return paired ? [METRICS[name](s) / METRICS[name](paired)] : [];
    }),
  );
}

/** CPU per extra call (between the fewest and most calls at one book) or per extra book, from the sweep. */
export function marginalCost(sweep: Measurement[], subject: Subject, axis: 'calls' | 'count'): number | undefined {
  const along = sweep.filter((m) => m.point && (axis === 'calls' ? m.point.count === 1 : m.point.calls === 1));
  const key = (m: Measurement): number => (m.point ? m.point[axis] : 0);
  const low = along.reduce<Measurement | undefined>((best, m) => (!best || key(m) < key(best) ? m : best), undefined);
  const high = along.reduce<Measurement | undefined>((best, m) => (!best || key(m) > key(best) ? m : best), undefined);
  if (!low || !high || key(high) === key(low)) return undefined;
  return (metric(high, subject, 'cpu').median - metric(low, subject, 'cpu').median) / (key(high) - key(low));
}
