// What a benchmark measures, from its --wiring, --engine and --wasi: each
// wiring (and the floor, once built) on WASI 0.2 with book-api on each
// engine, then on WASI 0.3 (QuickJS only) with and without reuse, so that
// the variants of one wiring are side by side in every round.
import { existsSync } from 'node:fs';
import { UserError } from '../cli.js';
import { builtEngines, builtOnWasi03, type WasiVersion } from '../engines.js';
import { DEFAULT_ENGINE, ENGINES, type Engine, isEngine, isWiring, WIRING_NAMES, wasmPath } from '../project.js';
import { type BenchWiring, FLOOR, type Variant, WASI_BUILDS, WIRING_ORDER } from './plan.js';

/** The options as parsed; each absent or empty means all there is. */
export interface Narrowing {
  wiring?: string[];
  engine?: string[];
  wasi?: string[];
}

/** Whether the floor is built for `wasi`. */
const floorBuilt = (wasi: WasiVersion): boolean => existsSync(wasmPath(wasi === '0.2' ? 'floor-p2' : 'floor-p3'));

/** `--wiring` as given (every wiring, and the floor once built, when none is), in the order of the rounds. */
function wiringsToMeasure(given: string[] | undefined, usage: string): BenchWiring[] {
  for (const name of given ?? []) {
    if (!isWiring(name) && name !== FLOOR) {
      throw new UserError(`--wiring must be one of ${[FLOOR, ...WIRING_NAMES].join(', ')}; "${name}" is not\n${usage}`);
    }
  }
  if (given?.includes(FLOOR) && !floorBuilt('0.2')) throw new UserError(`--wiring ${FLOOR} needs the floor built: npm run build`);
  if (given?.length) return WIRING_ORDER.filter((wiring) => given.includes(wiring));
  return WIRING_ORDER.filter((wiring) => wiring !== FLOOR || floorBuilt('0.2'));
}

/** `--engine` as given (every engine whose book-api is built when none is), the default first. */
function enginesToMeasure(given: string[] | undefined, usage: string): Engine[] {
  for (const name of given ?? []) {
    if (!isEngine(name))
      throw new UserError(`--engine must be one of ${ENGINES.map((e) => e.name).join(', ')}; "${name}" is not\n${usage}`);
  }
  const chosen = given?.length ? ENGINES.filter((engine) => given.includes(engine.name)) : builtEngines();
  return [DEFAULT_ENGINE, ...chosen.filter((engine) => engine !== DEFAULT_ENGINE)].filter((e) => chosen.includes(e));
}

/** `--wasi` as given (0.2, and 0.3 once its builds are there, when none is). */
function wasiToMeasure(given: string[] | undefined, usage: string): WasiVersion[] {
  for (const version of given ?? []) {
    if (version !== '0.2' && version !== '0.3') throw new UserError(`--wasi must be 0.2 or 0.3; "${version}" is not\n${usage}`);
  }
  if (given?.includes('0.3') && !builtOnWasi03())
    throw new UserError('--wasi 0.3 needs the WASI 0.3 builds: npm run build && npm run compose');
  if (given?.length) return (['0.2', '0.3'] as const).filter((version) => given.includes(version));
  return builtOnWasi03() ? ['0.2', '0.3'] : ['0.2'];
}

/**
 * The variants to measure, wiring by wiring; and whether they are every
 * wiring on both WASI versions with the default engine among them, so that a
 * full run of them may stand for the project's results (leaving out another
 * engine leaves out WASI 0.2 variants only).
 */
export function variantsToMeasure(given: Narrowing, usage: string): { variants: Variant[]; everything: boolean } {
  const engines = enginesToMeasure(given.engine, usage);
  const wasi = wasiToMeasure(given.wasi, usage);
  const variants = wiringsToMeasure(given.wiring, usage).flatMap((wiring) => {
    // The floor has no engine: one Rust component a WASI version, named for the default engine.
    const on = wiring === FLOOR ? [DEFAULT_ENGINE] : engines;
    const onWasi03 = wiring === FLOOR ? floorBuilt('0.3') : engines.includes(DEFAULT_ENGINE);
    return [
      ...(wasi.includes('0.2') ? on.map((engine) => ({ wiring, engine: engine.name })) : []),
      ...(wasi.includes('0.3') && onWasi03 ? WASI_BUILDS.map((build) => ({ wiring, engine: DEFAULT_ENGINE.name, build })) : []),
    ];
  });
  if (variants.length === 0) throw new UserError(`nothing to measure: no wiring named is built for the WASI version named\n${usage}`);
  const everything = !given.wiring?.length && !given.wasi?.length && engines.includes(DEFAULT_ENGINE);
  return { variants, everything };
}
