// Which runtimes a benchmark measures: `--runtime` as given, or both when
// Spin is there to compare with.
import { UserError } from '../cli.js';
import { checkRuntime, isRuntime, RUNTIMES, spinAvailable, type RuntimeName } from '../serve.js';
import { RUNTIME_ORDER } from './plan.js';

/** `--runtime` as given, or both runtimes when Spin is there to compare with, in the report's order. */
export function runtimesToMeasure(given: string | undefined): RuntimeName[] {
  if (given === undefined) {
    if (spinAvailable()) return [...RUNTIME_ORDER];
    console.log('No `spin` on PATH: measuring the local runtime only.');
    return ['local'];
  }
  if (given !== 'both' && !isRuntime(given)) throw new UserError(`--runtime is ${RUNTIMES.join(', ')} or both, not "${given}"`);
  const chosen = given === 'both' ? RUNTIME_ORDER : [given];
  for (const runtime of chosen) checkRuntime(runtime);
  return RUNTIME_ORDER.filter((runtime) => chosen.includes(runtime));
}
