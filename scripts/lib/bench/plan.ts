// What `npm run bench` measures, in what order, and for how long.
import { DEFAULT_ENGINE, type EngineName, engineNamed, SERVED_API_TOKEN, type Wiring } from '../project.js';
import type { Sent } from './load.js';

/**
 * What the benchmark serves: a wiring, or the floor, the page from one Rust
 * component with no call and no store (components/floor): the least Spin can
 * do for it, which each wiring is measured against. The floor serves the page
 * alone, so it is left out of the sweep and the write.
 */
export type BenchWiring = Wiring | 'floor';
export const FLOOR = 'floor';

/** Every wiring and the floor, in the order they are alternated in every round, so that drift in the machine's speed hits them alike. */
export const WIRING_ORDER: readonly BenchWiring[] = [FLOOR, 'network', 'chain', 'wit', 'deps', 'chain-py', 'wit-py'];

/** The variants that serve more than the page: all but the floor. */
export const beyondThePage = (variants: readonly Variant[]): Variant[] => variants.filter((v) => v.wiring !== FLOOR);

/**
 * A runtime as the benchmark names it: `spin`, `local` (the local runtime on
 * the benchmark's own Node), or `local@v24.22.3` on another Node.
 */
export type RuntimeId = string;

const ON_NODE = 'local@';

/** The id of the local runtime on the Node of version `node`, not the benchmark's own. */
export const localOnNode = (node: string): RuntimeId => `${ON_NODE}${node}`;

/** The Node a `local@...` runtime runs on; undefined for Spin and for the benchmark's own Node. */
export const otherNodeOf = (runtime: RuntimeId): string | undefined =>
  runtime.startsWith(ON_NODE) ? runtime.slice(ON_NODE.length) : undefined;

/**
 * A WASI 0.3 build as the benchmark serves it: instances reused as Spin 4
 * reuses them (`p3`), or each serving one request (`p3-once`,
 * `--max-instance-reuse-count 1`), as a WASI 0.2 instance does.
 */
export type WasiBuild = 'p3' | 'p3-once';
export const WASI_BUILDS: readonly WasiBuild[] = ['p3', 'p3-once'];

/** The flags a WASI 0.3 build is served with, on either runtime. */
export const buildArgs = (build: WasiBuild | undefined): string[] => (build === 'p3-once' ? ['--max-instance-reuse-count', '1'] : []);

/** A wiring with book-api on one engine, on WASI 0.2 or one of WASI 0.3's builds. */
export interface Variant {
  wiring: BenchWiring;
  engine: EngineName;
  /** WASI 0.2 when absent. */
  build?: WasiBuild;
}

/** `chain` with book-api on the default engine, `chain/sm` on another, `chain/p3` and `chain/p3-once` on WASI 0.3. */
export const variantName = ({ wiring, engine, build }: Variant): string =>
  [wiring, engine === DEFAULT_ENGINE.name ? [] : engineNamed(engine).suffix.slice(1), build ?? []].flat().join('/');

export const sameVariant = (a: Variant, b: Variant): boolean => a.wiring === b.wiring && a.engine === b.engine && a.build === b.build;

/** The variant part of a subject or a server, and nothing else. */
export const variantOf = ({ wiring, engine, build }: Variant): Variant => (build ? { wiring, engine, build } : { wiring, engine });

/** What one server serves and one sample measures: a variant on a runtime. */
export interface Subject extends Variant {
  runtime: RuntimeId;
}

/**
 * One round's order: variant after variant, each on every runtime in turn;
 * the runtime that went first in one round goes last in the next, so that
 * neither always runs on a machine the other has just warmed (or heated).
 */
export function roundOrder(runtimes: readonly RuntimeId[], variants: readonly Variant[], round: number): Subject[] {
  const turn = round % 2 === 0 ? runtimes : [...runtimes].reverse();
  return variants.flatMap((variant) => turn.map((runtime) => ({ runtime, ...variant })));
}

export interface SweepPoint {
  calls: number;
  count: number;
}

export interface Plan {
  name: 'full' | 'quick';
  /** Seconds of load on each variant before anything is recorded. */
  warmupSeconds: number;
  /** The page the article serves, at each concurrency level. */
  page: { path: string; concurrency: number[]; rounds: number; seconds: number };
  /** `/bench`: calls per request at one book, then books per call at one call. */
  sweep: { points: SweepPoint[]; concurrency: number; rounds: number; seconds: number };
  /** A write through the frontend: WRITE, at each concurrency level. */
  write: { concurrency: number[]; rounds: number; seconds: number };
}

/** The write measured: a book added through the frontend, a JSON body and the token, as a client sends it. */
export const WRITE: Sent & { path: string } = {
  path: '/books',
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` },
  body: JSON.stringify({ title: 'Piranesi', author: 'Susanna Clarke' }),
};

const sweepPoints = (calls: number[], counts: number[]): SweepPoint[] => [
  ...calls.map((c) => ({ calls: c, count: 1 })),
  ...counts.filter((n) => n !== 1).map((n) => ({ calls: 1, count: n })),
];

export const FULL: Plan = {
  name: 'full',
  warmupSeconds: 5,
  page: { path: '/?weekday=3', concurrency: [4, 16], rounds: 5, seconds: 6 },
  sweep: { points: sweepPoints([1, 7, 100], [1, 100, 10_000]), concurrency: 4, rounds: 3, seconds: 5 },
  write: { concurrency: [4], rounds: 5, seconds: 6 },
};

/**
 * A smoke run: every step of the full one, briefly. Rounds of two seconds,
 * so that even a loaded machine completes a few requests of every kind.
 */
export const QUICK: Plan = {
  name: 'quick',
  warmupSeconds: 2,
  page: { path: '/?weekday=3', concurrency: [1, 4], rounds: 2, seconds: 2 },
  sweep: { points: sweepPoints([1, 3], [1, 100]), concurrency: 2, rounds: 1, seconds: 2 },
  write: { concurrency: [2], rounds: 1, seconds: 2 },
};

export const benchPath = (point: SweepPoint): string => `/bench?calls=${point.calls}&count=${point.count}`;
