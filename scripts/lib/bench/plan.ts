// What `npm run bench` measures, and for how long.
import type { Wiring } from '../up.js';

/** Alternated in this order in every round, so that drift in the machine's speed hits them alike. */
export const WIRING_ORDER: readonly Wiring[] = ['network', 'chain', 'wit'];

export interface SweepPoint {
  calls: number;
  count: number;
}

export interface Plan {
  name: 'full' | 'quick';
  /** Seconds of load on each wiring before anything is recorded. */
  warmupSeconds: number;
  /** The page the article serves, at each concurrency level. */
  page: { path: string; concurrency: number[]; rounds: number; seconds: number };
  /** `/bench`: calls per request at one book, then books per call at one call. */
  sweep: { points: SweepPoint[]; concurrency: number; rounds: number; seconds: number };
}

const sweepPoints = (calls: number[], counts: number[]): SweepPoint[] => [
  ...calls.map((c) => ({ calls: c, count: 1 })),
  ...counts.filter((n) => n !== 1).map((n) => ({ calls: 1, count: n })),
];

export const FULL: Plan = {
  name: 'full',
  warmupSeconds: 5,
  page: { path: '/?weekday=3', concurrency: [4, 16], rounds: 5, seconds: 6 },
  sweep: { points: sweepPoints([1, 7, 100], [1, 100, 10_000]), concurrency: 4, rounds: 3, seconds: 5 },
};

/** A smoke run: every step of the full one, briefly. */
export const QUICK: Plan = {
  name: 'quick',
  warmupSeconds: 1,
  page: { path: '/?weekday=3', concurrency: [1, 4], rounds: 2, seconds: 1 },
  sweep: { points: sweepPoints([1, 7], [1, 100]), concurrency: 2, rounds: 1, seconds: 1 },
};

export const benchPath = (point: SweepPoint): string => `/bench?calls=${point.calls}&count=${point.count}`;
