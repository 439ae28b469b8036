// What `npm run bench:wit` asks each pair, and how often: the calls sweep
// (a call that carries nothing, and one book) and the size sweep (each
// shape from 1 to 10,000 books), each made directly and through the relay.

export const SHAPES = ['nothing', 'books', 'columns', 'strings', 'json', 'json-bytes'] as const;
export type Shape = (typeof SHAPES)[number];
/** The shapes that carry books. */
export const LIST_SHAPES = SHAPES.filter((shape) => shape !== 'nothing');

/** `direct`: the caller lifts every answer; `relay`: the relay calls, and lifts next to nothing. */
export const VIAS = ['direct', 'relay'] as const;
export type Via = (typeof VIAS)[number];

export interface Point {
  shape: Shape;
  n: number;
  calls: number;
  via: Via;
}

export interface CrossingsPlan {
  name: 'full' | 'quick';
  /** Requests per point and pair; the median of their in-guest times is kept. */
  samples: number;
  /** Calls per request in the calls sweep, at one book. */
  calls: number[];
  /** Books per call in the size sweep, at one call. */
  sizes: number[];
}

export const FULL: CrossingsPlan = { name: 'full', samples: 7, calls: [1, 10, 100, 1000], sizes: [1, 10, 100, 1000, 10_000] };
export const QUICK: CrossingsPlan = { name: 'quick', samples: 2, calls: [1, 10], sizes: [1, 100] };

/** Every point of a plan: the calls sweep for `nothing` and `books`, then the size sweep for every shape that carries books. */
export function points(plan: CrossingsPlan): Point[] {
  const callsSweep = (['nothing', 'books'] as const).flatMap((shape) => plan.calls.map((calls) => ({ shape, n: 1, calls })));
  const sizeSweep = LIST_SHAPES.flatMap((shape) => plan.sizes.map((n) => ({ shape, n, calls: 1 })));
  // One book in one call is in both sweeps; it is asked once.
  const unique = new Map([...callsSweep, ...sizeSweep].map((point) => [`${point.shape} ${point.n} ${point.calls}`, point]));
  return [...unique.values()].flatMap((point) => VIAS.map((via) => ({ ...point, via })));
}

export const pointPath = (pair: string, point: Point): string =>
  `/${pair}?shape=${point.shape}&n=${point.n}&calls=${point.calls}&via=${point.via}`;
