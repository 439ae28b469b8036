// The components of `npm run bench:wit` (bench/crossings/): callers and
// exporters of bench/crossings/wit on each engine, and pairs of one caller
// and one exporter composed with the relay between them; on WASI 0.3, one
// pair without a relay. Built only when asked for; the ahead-of-time
// exporter only once weval is installed.
import { join } from 'node:path';
import { type Composition, type Guest, ROOT, servedOverHttp } from '../project.js';

const WIT = 'bench/crossings/wit';
const SOURCES = 'bench/crossings';
const SHARED = 'components/shared';

export interface Side {
  /** Its name in a pair's name and route: `ts`, `py`, `sm`, `null`. */
  name: string;
  /** The guest (or composition) that is this side, as `npm run build` names it. */
  guest: string;
  /** What it is, for the report. */
  describes: string;
  /** StarlingMonkey with the bindings componentize-js generates, unfixed: paired only with its like, or with a side that has no such bindings. */
  stock?: boolean;
  /** Needs weval, which `npm run tools -- --aot` installs. */
  aot?: boolean;
}

/** Who calls: each lifts what comes back in its own language's bindings. */
export const CALLERS: readonly Side[] = [
  { name: 'ts', guest: 'crossings-caller-ts', describes: 'TypeScript on StarlingMonkey' },
  { name: 'ts-stock', guest: 'crossings-caller-ts-stock', describes: 'TypeScript on StarlingMonkey, bindings unfixed', stock: true },
  { name: 'ts-qjs', guest: 'crossings-caller-qjs', describes: 'TypeScript on QuickJS' },
  { name: 'py', guest: 'crossings-caller-py', describes: 'Python on CPython' },
];

/** Who answers: each lowers what it hands out in its engine's bindings; `null` costs next to nothing. */
export const EXPORTERS: readonly Side[] = [
  { name: 'null', guest: 'crossings-null-exporter', describes: 'WebAssembly text, tables copied out' },
  { name: 'sm', guest: 'crossings-exporter-sm', describes: 'TypeScript on StarlingMonkey' },
  { name: 'sm-stock', guest: 'crossings-exporter-sm-stock', describes: 'TypeScript on StarlingMonkey, bindings unfixed', stock: true },
  { name: 'qjs', guest: 'crossings-exporter-qjs', describes: 'TypeScript on QuickJS' },
  { name: 'sm-aot', guest: 'crossings-exporter-sm-aot', describes: 'TypeScript on StarlingMonkey, compiled ahead of time', aot: true },
];

export const NULL_EXPORTER = EXPORTERS[0];
export const RELAY_GUEST = 'crossings-relay';

const callerOnStarlingMonkey = (name: string, stockBindings: boolean, namedEngine = false): Guest => ({
  language: 'typescript',
  name,
  world: 'caller',
  wit: WIT,
  entry: `${SOURCES}/caller.ts`,
  sources: [`${SOURCES}/caller.ts`, `${SOURCES}/measure.ts`, `${SOURCES}/ask.ts`, SHARED, WIT],
  disable: ['http', 'random', 'stdio'],
  stockBindings,
  namedEngine,
});

const exporterOn = (name: string, engine: { quickjs?: boolean; stockBindings?: boolean; aot?: boolean; namedEngine?: boolean }): Guest => ({
  language: 'typescript',
  name,
  world: 'exporter',
  wit: WIT,
  entry: `${SOURCES}/exporter.ts`,
  sources: [`${SOURCES}/exporter.ts`, `${SOURCES}/week.ts`, 'components/book-api/src', SHARED, WIT],
  disable: engine.quickjs ? [] : ['http', 'random', 'stdio', 'fetch-event'],
  ...(engine.quickjs ? { engine: 'quickjs' as const } : {}),
  stockBindings: engine.stockBindings,
  aot: engine.aot,
  namedEngine: engine.namedEngine,
});

export const CROSSING_GUESTS: readonly Guest[] = [
  callerOnStarlingMonkey('crossings-caller-ts', false),
  callerOnStarlingMonkey('crossings-caller-ts-stock', true),
  {
    language: 'typescript',
    engine: 'quickjs',
    name: 'crossings-caller-plain',
    world: 'caller-plain',
    wit: WIT,
    entry: `${SOURCES}/caller-plain.ts`,
    sources: [`${SOURCES}/caller-plain.ts`, `${SOURCES}/measure.ts`, `${SOURCES}/ask.ts`, SHARED, WIT],
    disable: [],
  },
  {
    language: 'python',
    name: 'crossings-caller-py',
    world: 'caller',
    wit: WIT,
    module: 'caller',
    // The request and response glue is the Python frontend's.
    sources: [`${SOURCES}/caller-py`, 'components/frontend-py'],
  },
  exporterOn('crossings-exporter-sm', {}),
  exporterOn('crossings-exporter-sm-stock', { stockBindings: true }),
  exporterOn('crossings-exporter-qjs', { quickjs: true }),
  {
    language: 'wat',
    name: 'crossings-null-exporter',
    world: 'exporter',
    wit: WIT,
    generator: 'null-exporter',
    sources: [`${SOURCES}/null-guests.ts`, 'components/book-api/src/catalog.ts', WIT],
  },
  { language: 'wat', name: RELAY_GUEST, world: 'null-caller', wit: WIT, generator: 'relay', sources: [`${SOURCES}/null-guests.ts`, WIT] },
];

/** What the ahead-of-time exporter adds, once weval is installed. */
export const CROSSING_AOT_GUESTS: readonly Guest[] = [exporterOn('crossings-exporter-sm-aot', { aot: true })];

/** The caller and exporter on StarlingMonkey's debug build, whose function names a profile can show (npm run profile:wit). */
export const PROFILED_GUESTS: readonly Guest[] = [
  callerOnStarlingMonkey('crossings-caller-ts-named', false, true),
  exporterOn('crossings-exporter-sm-named', { namedEngine: true }),
];

const relayed = (name: string, caller: string, exporter: string): Composition => ({
  name,
  wac: join(ROOT, SOURCES, 'crossings.wac'),
  deps: { 'bookserver:caller': caller, 'bookserver:exporter': exporter, 'bookserver:null-caller': RELAY_GUEST },
});

/** What the profiles run: the named caller calling the named exporter, and calling the null exporter. */
export const PROFILED_PAIRS = {
  both: relayed('crossings-profile-ts-to-sm', 'crossings-caller-ts-named', 'crossings-exporter-sm-named'),
  caller: relayed('crossings-profile-ts-to-null', 'crossings-caller-ts-named', 'crossings-null-exporter'),
} as const;

export interface Pair {
  caller: Side;
  exporter: Side;
  /** `ts-to-sm`: the component's id in the crossings manifest, and its route. */
  id: string;
  composition: Composition;
}

export const pairId = (caller: Side, exporter: Side): string => `${caller.name}-to-${exporter.name}`;

/** Whether `exporter` has bindings componentize-js generates, fixed or not. */
const hasStarlingMonkeyBindings = (exporter: Side): boolean => exporter.name.startsWith('sm');

/** A stock side meets only a stock side, the null exporter or QuickJS: what it adds is measured against its like. */
const paired = (caller: Side, exporter: Side): boolean =>
  !hasStarlingMonkeyBindings(exporter) || Boolean(caller.stock) === Boolean(exporter.stock);

/** The QuickJS caller, its plain HTTP served by the http-face adapter. */
export const CALLER_PLAIN_COMPOSITION: Composition = servedOverHttp('crossings-caller-qjs', 'crossings-caller-plain');

export const PAIRS: readonly Pair[] = CALLERS.flatMap((caller) =>
  EXPORTERS.filter((exporter) => paired(caller, exporter)).map((exporter) => {
    const id = pairId(caller, exporter);
    return {
      caller,
      exporter,
      id,
      composition: relayed(`crossings-${id}`, caller.guest, exporter.guest),
    };
  }),
);

// WASI 0.3 (`--wasi 0.3`): the contract's function in each form of
// bench/crossings/wit/forms.wit, QuickJS calling QuickJS, as the WASI 0.3
// wirings are built: the exporter by componentize-qjs 0.4.5, as book-api-p3,
// and the caller by 0.5.0, the one that can import an async function.

export const FORMS_CALLER: Side = {
  name: 'ts-qjs-p3',
  guest: 'crossings-caller-forms',
  describes: 'TypeScript on QuickJS, WASI 0.3, built by componentize-qjs 0.5.0',
};
export const FORMS_EXPORTER: Side = {
  name: 'qjs-p3',
  guest: 'crossings-exporter-forms',
  describes: 'TypeScript on QuickJS, WASI 0.3, built by componentize-qjs 0.4.5',
};

export const FORMS_GUESTS: readonly Guest[] = [
  {
    language: 'typescript',
    engine: 'quickjs',
    wasi: '0.3',
    asyncImports: true,
    name: FORMS_CALLER.guest,
    world: 'forms-caller',
    wit: WIT,
    entry: `${SOURCES}/caller-forms.ts`,
    sources: [`${SOURCES}/caller-forms.ts`, `${SOURCES}/measure-forms.ts`, `${SOURCES}/ask.ts`, SHARED, WIT],
    disable: [],
  },
  {
    language: 'typescript',
    engine: 'quickjs',
    wasi: '0.3',
    name: FORMS_EXPORTER.guest,
    world: 'forms-exporter',
    wit: WIT,
    entry: `${SOURCES}/exporter-forms.ts`,
    sources: [`${SOURCES}/exporter-forms.ts`, `${SOURCES}/week.ts`, 'components/book-api/src', SHARED, WIT],
    disable: [],
  },
];

const formsId = pairId(FORMS_CALLER, FORMS_EXPORTER);

export const FORMS_PAIRS: readonly Pair[] = [
  {
    caller: FORMS_CALLER,
    exporter: FORMS_EXPORTER,
    id: formsId,
    composition: {
      name: `crossings-${formsId}`,
      wasi: '0.3',
      wac: join(ROOT, SOURCES, 'forms.wac'),
      deps: { 'bookserver:caller': FORMS_CALLER.guest, 'bookserver:exporter': FORMS_EXPORTER.guest },
    },
  },
];
