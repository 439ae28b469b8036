// The components of `npm run bench:wit` (bench/crossings/): callers and
// exporters of bench/crossings/wit, and every pair of one caller and one
// exporter composed with the relay between them. Built only when asked for.
import { join } from 'node:path';
import { type Composition, type Guest, ROOT } from '../project.js';

const WIT = 'bench/crossings/wit';
const SOURCES = 'bench/crossings';

export interface Side {
  /** Its name in a pair's name and route: `ts`, `py`, `sm`, `null`. */
  name: string;
  /** The guest that is this side, as `npm run build` names it. */
  guest: string;
  /** What it is, for the report. */
  describes: string;
}

/** Who calls: each lifts what comes back in its own language's bindings. */
export const CALLERS: readonly Side[] = [
  { name: 'ts', guest: 'crossings-caller-ts', describes: 'TypeScript on StarlingMonkey' },
  { name: 'py', guest: 'crossings-caller-py', describes: 'Python on CPython' },
];

/** Who answers: each lowers what it hands out in its engine's bindings; `null` costs next to nothing. */
export const EXPORTERS: readonly Side[] = [
  { name: 'null', guest: 'crossings-null-exporter', describes: 'WebAssembly text, tables copied out' },
  { name: 'sm', guest: 'crossings-exporter-sm', describes: 'TypeScript on StarlingMonkey' },
];

export const RELAY_GUEST = 'crossings-relay';

export const CROSSING_GUESTS: readonly Guest[] = [
  {
    language: 'typescript',
    name: 'crossings-caller-ts',
    world: 'caller',
    wit: WIT,
    entry: `${SOURCES}/caller.ts`,
    sources: [`${SOURCES}/caller.ts`, 'components/shared', WIT],
    disable: ['http', 'random', 'stdio'],
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
  {
    language: 'typescript',
    name: 'crossings-exporter-sm',
    world: 'exporter',
    wit: WIT,
    entry: `${SOURCES}/exporter.ts`,
    sources: [`${SOURCES}/exporter.ts`, 'components/book-api/src', 'components/shared', WIT],
    disable: ['http', 'random', 'stdio', 'fetch-event'],
  },
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

export interface Pair {
  caller: Side;
  exporter: Side;
  /** `ts-sm`: the component's id in bench/crossings/spin.toml, and its route. */
  id: string;
  composition: Composition;
}

export const pairId = (caller: Side, exporter: Side): string => `${caller.name}-${exporter.name}`;

export const PAIRS: readonly Pair[] = CALLERS.flatMap((caller) =>
  EXPORTERS.map((exporter) => {
    const id = pairId(caller, exporter);
    return {
      caller,
      exporter,
      id,
      composition: {
        name: `crossings-${id}`,
        wac: join(ROOT, SOURCES, 'crossings.wac'),
        deps: { 'bookserver:caller': caller.guest, 'bookserver:exporter': exporter.guest, 'bookserver:null-caller': RELAY_GUEST },
      },
    };
  }),
);

/** The manifest that serves every pair, one component and route each. */
export const CROSSINGS_MANIFEST = join(ROOT, SOURCES, 'spin.toml');
