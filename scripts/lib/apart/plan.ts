// What `npm run bench:apart` measures: the three Kubernetes layouts, apart
// at each round-trip latency between the pods, on each path, in rounds that
// alternate the runtimes so that the machine's drift hits them alike.
import type { Wiring } from '../project.js';
import type { RuntimeName } from '../serve.js';

/** The SpinKube layouts of docs/kubernetes.md, each served from the manifest of the wiring it is pushed as. */
export const LAYOUT_WIRING = { together: 'chain', composed: 'wit', apart: 'network' } as const satisfies Record<string, Wiring>;
export type Layout = keyof typeof LAYOUT_WIRING;
export const LAYOUTS = Object.keys(LAYOUT_WIRING) as Layout[];

/** A layout on a runtime; apart, at one round-trip latency between book-api and the frontend. */
export interface Subject {
  runtime: RuntimeName;
  layout: Layout;
  /** The round trip asked of the proxy between the pods, apart only. */
  rttMs?: number;
}

export const subjectName = ({ layout, rttMs }: Omit<Subject, 'runtime'>): string =>
  layout === 'apart' ? `apart, ${rttMs} ms` : `${layout} (${LAYOUT_WIRING[layout]})`;

export const sameSubject = (a: Subject, b: Subject): boolean => a.runtime === b.runtime && a.layout === b.layout && a.rttMs === b.rttMs;

export interface ApartPlan {
  name: 'full' | 'quick';
  /** Round trips added between the pods: within a zone about 0.1 to 1 ms, across zones 1 to 5. */
  rttMs: number[];
  /** The page (one call to book-api), then pages of 7 and 100 calls. */
  paths: string[];
  /** Clients in a closed loop: one, for what a user waits while the app is idle; then enough to load it, for throughput and CPU. */
  clients: { idle: number; loaded: number };
  rounds: number;
  seconds: number;
  warmupSeconds: number;
}

export const FULL: ApartPlan = {
  name: 'full',
  rttMs: [0, 0.2, 1, 5],
  paths: ['/?weekday=3', '/bench?calls=7&count=1', '/bench?calls=100&count=1'],
  clients: { idle: 1, loaded: 4 },
  rounds: 3,
  seconds: 4,
  warmupSeconds: 3,
};

/** Every step of the full plan, briefly: a smoke test, whose results never replace those the docs show. */
export const QUICK: ApartPlan = {
  name: 'quick',
  rttMs: [0, 1],
  paths: ['/?weekday=3', '/bench?calls=7&count=1'],
  clients: { idle: 1, loaded: 2 },
  rounds: 1,
  seconds: 2,
  warmupSeconds: 1,
};

/** How many books-lookups a request to `path` makes: what it pays the hop for. */
export const callsOf = (path: string): number => Number(new URLSearchParams(path.split('?')[1]).get('calls') ?? 1);

/** Layout after layout (apart at each latency in turn), each on every runtime; the first runtime of one round goes last in the next. */
export function roundOrder(runtimes: readonly RuntimeName[], plan: ApartPlan, round: number): Subject[] {
  const turn = round % 2 === 0 ? runtimes : [...runtimes].reverse();
  const layouts = LAYOUTS.flatMap((layout): Omit<Subject, 'runtime'>[] =>
    layout === 'apart' ? plan.rttMs.map((rttMs) => ({ layout, rttMs })) : [{ layout }],
  );
  return layouts.flatMap((subject) => turn.map((runtime) => ({ runtime, ...subject })));
}
