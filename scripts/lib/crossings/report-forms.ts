// The WASI 0.3 crossings' results as Markdown (npm run bench:wit -- --wasi
// 0.3): per runtime, Spin's first, one call of n books in each form of the
// contract's function, and calls of nothing, synchronous and async, each with
// what one more book or call costs (a least-squares slope) and each form
// against the synchronous one.
import type { RuntimeId } from '../bench/plan.js';
import type { RuntimeVersion } from '../bench/results.js';
import { runtimeLabel, table } from '../markdown.js';
import { pointNs, slope } from './analysis.js';
import { BOOK_FORMS, CALL_FORMS, type CrossingsPlan, type Form } from './plan.js';
import { type CrossingsResults, header, micros } from './report.js';

/** Each form as forms.wit declares it. */
const DECLARED: Record<Form, string> = {
  nothing: '`func()`',
  'nothing-async': '`async func()`',
  books: '`func(n: u32) -> list<book>`',
  'books-async': '`async func(n: u32) -> list<book>`',
  'books-stream': '`async func(n: u32) -> stream<book>`',
  'books-stream-each': 'the same stream, read book by book',
};

/** A sweep: one call of n books, or n calls of nothing. */
interface Axis {
  forms: readonly Form[];
  values: readonly number[];
  title: string;
  column: (value: number) => string;
  unit: string;
  at: (value: number) => { n: number; calls: number };
}

const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !Number.isFinite(a / b) ? '–' : `${(a / b).toFixed(2)}×`;

function sweepTable(results: CrossingsResults, runtime: RuntimeId, pair: string, axis: Axis): string {
  const row = (form: Form) => {
    const ns = axis.values.map((value) => {
      const { n, calls } = axis.at(value);
      return pointNs(results.results, runtime, pair, form, n, calls, 'direct');
    });
    const measured = axis.values.flatMap((x, i) => {
      const y = ns[i];
      return y === undefined ? [] : [{ x, y }];
    });
    return { form, ns, perUnit: slope(measured) };
  };
  const [first, ...others] = axis.forms.map(row);
  return table(
    [axis.title, ...axis.values.map(axis.column), `one more ${axis.unit}`],
    [
      ...[first, ...others].map(({ form, ns, perUnit }) => [DECLARED[form], ...ns.map(micros), micros(perUnit)]),
      ...others.map(({ form, ns, perUnit }) => [
        `${DECLARED[form]} ÷ ${DECLARED[first.form]}`,
        ...ns.map((value, i) => ratio(value, first.ns[i])),
        ratio(perUnit, first.perUnit),
      ]),
    ],
  );
}

const axes = (plan: CrossingsPlan): Axis[] => [
  {
    forms: BOOK_FORMS,
    values: plan.sizes,
    title: 'one call of n books, µs',
    column: (n) => `n = ${n}`,
    unit: 'book',
    at: (n) => ({ n, calls: 1 }),
  },
  {
    forms: CALL_FORMS,
    values: plan.calls,
    title: 'calls of nothing, µs',
    column: (calls) => `${calls} ${calls === 1 ? 'call' : 'calls'}`,
    unit: 'call',
    at: (calls) => ({ n: 1, calls }),
  },
];

const intro = (runtime: RuntimeVersion, pair: string): string[] => [
  `**On ${runtimeLabel(runtime)}** (\`${pair}\`): one request's calls, timed by the caller, a stream read to its end;`,
  "under each form's times, the same against the synchronous form's.",
  '',
];

function runtimeTables(results: CrossingsResults, runtime: RuntimeVersion, plan: CrossingsPlan): string[] {
  return results.pairs.flatMap((pair) => [
    ...intro(runtime, pair),
    ...axes(plan).flatMap((axis) => [sweepTable(results, runtime.name, pair, axis), '']),
  ]);
}

export function formsMarkdown(results: CrossingsResults, plan: CrossingsPlan): string {
  return [...header(results, true), ...results.runtimes.flatMap((runtime) => runtimeTables(results, runtime, plan))].join('\n');
}

/** For docs/wit-crossings.md: the first runtime's tables (Spin's, when it ran); the rest is in summary.md, linked by `summaryLink`. */
export function formsPageSummary(results: CrossingsResults, summaryLink: string, plan: CrossingsPlan): string {
  const [first] = results.runtimes;
  return [
    ...header(results, false),
    ...runtimeTables(results, first, plan),
    `Every runtime's figures and the components' sizes: ${summaryLink}.`,
  ].join('\n');
}
