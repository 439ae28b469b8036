// The two suites of `npm run bench:wit`: WASI 0.2's five shapes across
// every pair of engines, split by side (the default), and WASI 0.3's forms
// of the contract's function (`--wasi 0.3`). Each has its pairs, what it
// asks, where its results go, and how they read.
import { CALLERS, EXPORTERS, FORMS_CALLER, FORMS_EXPORTER, FORMS_PAIRS, type Pair, PAIRS, type Side } from './guests.js';
import { type CrossingsPlan, FORMS_SWEEP, SHAPES_SWEEP, type Sweep } from './plan.js';
import { type CrossingsResults, markdown, pageSummary } from './report.js';
import { formsMarkdown, formsPageSummary } from './report-forms.js';

export const WASI_VERSIONS = ['0.2', '0.3'] as const;
export type WasiVersion = (typeof WASI_VERSIONS)[number];

export interface Suite {
  /** Its folder under build/ (its manifest) and under bench/results/. */
  name: string;
  callers: readonly Side[];
  exporters: readonly Side[];
  pairs: readonly Pair[];
  sweep: Sweep;
  /** The section of docs/wit-crossings.md that a full run refreshes. */
  section: string;
  markdown: (results: CrossingsResults, plan: CrossingsPlan) => string;
  pageSummary: (results: CrossingsResults, summaryLink: string, plan: CrossingsPlan) => string;
}

export const SUITES: Record<WasiVersion, Suite> = {
  '0.2': {
    name: 'crossings',
    callers: CALLERS,
    exporters: EXPORTERS,
    pairs: PAIRS,
    sweep: SHAPES_SWEEP,
    section: 'bench:wit',
    markdown: (results, plan) => markdown(results, plan.sizes),
    pageSummary: (results, summaryLink) => pageSummary(results, summaryLink),
  },
  '0.3': {
    name: 'crossings-p3',
    callers: [FORMS_CALLER],
    exporters: [FORMS_EXPORTER],
    pairs: FORMS_PAIRS,
    sweep: FORMS_SWEEP,
    section: 'bench:wit-p3',
    markdown: formsMarkdown,
    pageSummary: formsPageSummary,
  },
};

export const isWasiVersion = (given: string): given is WasiVersion => (WASI_VERSIONS as readonly string[]).includes(given);
