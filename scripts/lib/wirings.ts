// The wirings of the app and the manifest that runs each: one name per way
// the frontend reaches book-api.
import { join } from 'node:path';
import { ROOT } from './project.js';

/** The manifest of each wiring; `chain` is the default, as `spin up` reads spin.toml. */
export const WIRINGS = { network: 'spin.network.toml', chain: 'spin.toml', wit: 'spin.wit.toml' } as const;
export type Wiring = keyof typeof WIRINGS;

export const WIRING_NAMES = Object.keys(WIRINGS) as Wiring[];

export const isWiring = (name: string): name is Wiring => name in WIRINGS;

export const manifestOf = (wiring: Wiring): string => join(ROOT, WIRINGS[wiring]);
