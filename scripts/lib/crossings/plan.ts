// What `npm run bench:wit` asks each pair, and how often: the calls sweep
// (a call that carries nothing, and one book) and the size sweep (each
// shape from 1 to 10,000 books), each made directly and through the relay;
// on WASI 0.3, the same sweeps of each form of the contract's function
// (bench/crossings/wit/forms.wit), made directly.

export const SHAPES = ['nothing', 'books', 'columns', 'strings', 'json', 'json-bytes'] as const;
export type Shape = (typeof SHAPES)[number];
/** The shapes that carry books. */
export const LIST_SHAPES = SHAPES.filter((shape) => shape !== 'nothing');

/** WASI 0.3's forms of one function: synchronous, async, and async returning a stream (read in reads of many books, or book by book). */
export const FORMS = ['nothing', 'nothing-async', 'books', 'books-async', 'books-stream', 'books-stream-each'] as const;
export type Form = (typeof FORMS)[number];

/** `direct`: the caller lifts every answer; `relay`: the relay calls, and lifts next to nothing. */
export const VIAS = ['direct', 'relay'] as const;
export type Via = (typeof VIAS)[number];

export interface Point {
  shape: Shape | Form;
  n: number;
  calls: number;
  via: Via;
}

/** What a suite asks at each point of a plan. */
export interface Sweep {
  /** What the calls sweep asks, one book a call. */
  calls: readonly Point['shape'][];
  /** What the size sweep asks, one call a request. */
  sizes: readonly Point['shape'][];
  vias: readonly Via[];
  /** Whether the shapes of one size are asked in turn, sample by sample, so that drift in the machine's speed hits them alike. */
  interleaved: boolean;
}

/** WASI 0.2's: a call of nothing and of one book, every shape at every size, directly and through the relay. */
export const SHAPES_SWEEP: Sweep = { calls: ['nothing', 'books'], sizes: LIST_SHAPES, vias: VIAS, interleaved: false };

/** The forms of a call of nothing, and of a call of books. */
export const CALL_FORMS: readonly Form[] = ['nothing', 'nothing-async'];
export const BOOK_FORMS: readonly Form[] = ['books', 'books-async', 'books-stream', 'books-stream-each'];

/** WASI 0.3's: a call of nothing, synchronous and async; books in each form; directly (there is no relay); the forms in turn. */
export const FORMS_SWEEP: Sweep = { calls: CALL_FORMS, sizes: BOOK_FORMS, vias: ['direct'], interleaved: true };

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

/** Every point of a plan: the calls sweep, then the size sweep, each way the sweep asks. */
export function points(plan: CrossingsPlan, sweep: Sweep): Point[] {
  const callsSweep = sweep.calls.flatMap((shape) => plan.calls.map((calls) => ({ shape, n: 1, calls })));
  const sizeSweep = sweep.sizes.flatMap((shape) => plan.sizes.map((n) => ({ shape, n, calls: 1 })));
  // One book in one call is in both sweeps; it is asked once.
  const unique = new Map([...callsSweep, ...sizeSweep].map((point) => [`${point.shape} ${point.n} ${point.calls}`, point]));
  return [...unique.values()].flatMap((point) => sweep.vias.map((via) => ({ ...point, via })));
}

/** The points asked together, in turn on every sample: those of one size and count when the sweep interleaves, else each alone. */
export function rounds(asked: readonly Point[], sweep: Sweep): Point[][] {
  const key = (point: Point): string => (sweep.interleaved ? `${point.n} ${point.calls} ${point.via}` : JSON.stringify(point));
  const groups = new Map<string, Point[]>();
  for (const point of asked) groups.set(key(point), [...(groups.get(key(point)) ?? []), point]);
  return [...groups.values()];
}

export const pointPath = (pair: string, point: Point): string =>
  `/${pair}?shape=${point.shape}&n=${point.n}&calls=${point.calls}&via=${point.via}`;
