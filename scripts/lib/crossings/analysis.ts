// From in-guest times to costs: the cost of one more call and of one more
// book (least-squares slopes over the sweeps), and each split between the two
// sides of the boundary by the pairs with a side that costs next to nothing:
//   floor         the relay calling the null exporter: the boundary itself
//   exporter side the relay calling the exporter, less the floor
//   caller side   the caller calling the null exporter, less the floor
//   total         the caller calling the exporter
import type { RuntimeId } from '../bench/plan.js';
import { NULL_EXPORTER, pairId, type Side } from './guests.js';
import type { Sample } from './measure.js';
import { LIST_SHAPES, type Point, type Shape, type Via } from './plan.js';

/** The slope of y over x, least squares: the cost of one more unit of x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((sum, p) => sum + p.x, 0) / n;
  const my = points.reduce((sum, p) => sum + p.y, 0) / n;
  const sxx = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

/** What one more unit costs, in ns: a call (of `nothing`, or of one book) or a book (in one call, of each shape). */
export type Unit = { kind: 'call'; shape: 'nothing' | 'books' } | { kind: 'book'; shape: Exclude<Shape, 'nothing'> };

export const UNITS: readonly Unit[] = [
  { kind: 'call', shape: 'nothing' },
  { kind: 'call', shape: 'books' },
  ...LIST_SHAPES.map((shape) => ({ kind: 'book', shape }) as const),
];

export const unitName = (unit: Unit): string =>
  unit.kind === 'call' ? (unit.shape === 'nothing' ? 'a call of nothing' : 'a call of one book') : `a book as ${unit.shape}`;

/** The cost of one more `unit` for one pair, one way, on one runtime, in ns. */
export function unitCost(samples: readonly Sample[], runtime: RuntimeId, pair: string, via: Via, unit: Unit): number {
  const mine = samples.filter((s) => s.runtime === runtime && s.pair === pair && s.via === via && s.shape === unit.shape);
  return unit.kind === 'call'
    ? slope(mine.filter((s) => s.n === 1).map((s) => ({ x: s.calls, y: s.ns })))
    : slope(mine.filter((s) => s.calls === 1).map((s) => ({ x: s.n, y: s.ns })));
}

export interface Split {
  floor: number;
  exporterSide: number;
  callerSide: number;
  total: number;
}

const hasPair = (samples: readonly Sample[], pair: string): boolean => samples.some((s) => s.pair === pair);

/**
 * One unit's cost for a caller and an exporter, split by side. The relay's
 * calls do not involve the caller, so the exporter's side is taken through
 * the first of `callers` that was paired with it.
 */
export function split(
  samples: readonly Sample[],
  runtime: RuntimeId,
  callers: readonly Side[],
  caller: Side,
  exporter: Side,
  unit: Unit,
): Split {
  const cost = (from: Side, to: Side, via: Via): number => unitCost(samples, runtime, pairId(from, to), via, unit);
  const floor = cost(caller, NULL_EXPORTER, 'relay');
  const through = callers.find((c) => hasPair(samples, pairId(c, exporter)) && hasPair(samples, pairId(c, NULL_EXPORTER))) ?? caller;
  return {
    floor,
    exporterSide: cost(through, exporter, 'relay') - cost(through, NULL_EXPORTER, 'relay'),
    callerSide: cost(caller, NULL_EXPORTER, 'direct') - floor,
    total: cost(caller, exporter, 'direct'),
  };
}

/** The in-guest time of one point, in ns, or undefined when it was not measured. */
export function pointNs(
  samples: readonly Sample[],
  runtime: RuntimeId,
  pair: string,
  shape: Point['shape'],
  n: number,
  calls: number,
  via: Via,
) {
  return samples.find(
    (s) => s.runtime === runtime && s.pair === pair && s.shape === shape && s.n === n && s.calls === calls && s.via === via,
  )?.ns;
}
