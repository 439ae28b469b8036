// Everything `npm run build` and `npm run compose` can make by name: the
// app's components, the tests', the crossings benchmark's, and what the
// ahead-of-time engine adds.
import {
  CALLER_PLAIN_COMPOSITION,
  CROSSING_AOT_GUESTS,
  CROSSING_GUESTS,
  FORMS_GUESTS,
  FORMS_PAIRS,
  PAIRS,
  PROFILED_GUESTS,
  PROFILED_PAIRS,
} from './crossings/guests.js';
import { AOT_COMPOSITIONS, AOT_GUESTS, COMPOSITIONS, type Composition, FIXTURES, type Guest, GUESTS } from './project.js';

export const BUILDABLE: readonly Guest[] = [
  ...GUESTS,
  ...FIXTURES,
  ...CROSSING_GUESTS,
  ...FORMS_GUESTS,
  ...AOT_GUESTS,
  ...CROSSING_AOT_GUESTS,
  ...PROFILED_GUESTS,
];

export const COMPOSABLE: readonly Composition[] = [
  ...COMPOSITIONS,
  ...AOT_COMPOSITIONS,
  CALLER_PLAIN_COMPOSITION,
  ...[...PAIRS, ...FORMS_PAIRS].map((pair) => pair.composition),
  ...Object.values(PROFILED_PAIRS),
];
