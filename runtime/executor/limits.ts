// What an app's components may take, as Spin bounds it, and one bound Spin
// lacks:
//   instances alive at once, app-wide: Spin's pooling allocator, sized by
//     SPIN_MAX_INSTANCE_COUNT (1000) or SPIN_WASMTIME_INSTANCE_COUNT; a request
//     past it, chained or not, is answered an empty 500, as Spin answers it;
//   the bytes one instance's memory may grow to: Spin's --max-instance-memory
//     (SPIN_MAX_INSTANCE_MEMORY); none by default but wasm32's 4 GiB;
//   how deep one request's chained requests may nest (--max-chain-depth): a
//     loop fails at once with wasi:http's loop-detected, where Spin goes on
//     until its instance pool runs out;
//   how a WASI 0.3 instance is reused (reuse.ts): Spin's flags and defaults.
import { StartupError } from '../errors.js';
import { DEFAULT_REUSE, type ReusePolicy } from './reuse.js';

export interface Limits {
  maxInstances: number;
  /** Undefined: as much as a memory's own declared maximum, or wasm32, allows. */
  maxInstanceMemory?: number;
  maxChainDepth: number;
  reuse: ReusePolicy;
}

export const DEFAULT_LIMITS: Limits = { maxInstances: 1000, maxChainDepth: 32, reuse: DEFAULT_REUSE };

/** A positive whole number from `text`, or a StartupError that names `where` and the value. */
export function positiveInteger(where: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new StartupError(`${where} takes a whole number above 0; "${text}" is not`);
  return Number(text);
}

/** The limits Spin reads from its environment, read the same way; what is not set is left out. */
export function limitsFromEnvironment(env: NodeJS.ProcessEnv): Partial<Limits> {
  const read = (name: string): number | undefined => {
    const value = env[name];
    return value === undefined ? undefined : positiveInteger(name, value);
  };
  const limits: Partial<Limits> = {};
  // The component-instance count Spin derives from SPIN_MAX_INSTANCE_COUNT, unless set itself.
  const maxInstances = read('SPIN_WASMTIME_INSTANCE_COUNT') ?? read('SPIN_MAX_INSTANCE_COUNT');
  if (maxInstances !== undefined) limits.maxInstances = maxInstances;
  const maxInstanceMemory = read('SPIN_MAX_INSTANCE_MEMORY');
  if (maxInstanceMemory !== undefined) limits.maxInstanceMemory = maxInstanceMemory;
  return limits;
}

/** Where a worker counts its instances: the app-wide total and each worker's share, in one shared buffer. */
export interface InstanceSlots {
  buffer: SharedArrayBuffer;
  /** This worker's share is at index `slot`; index 0 holds the total. */
  slot: number;
}

/** Makes the shared buffer for `workers` workers. */
export const instanceBuffer = (workers: number): SharedArrayBuffer => new SharedArrayBuffer(4 * (workers + 1));

/** Instances alive at once, counted across every worker, so that the whole app stays within `max`. */
export class InstanceCounter {
  private readonly counts: Int32Array;

  constructor(
    private readonly slots: InstanceSlots,
    readonly max: number,
  ) {
    this.counts = new Int32Array(slots.buffer);
  }

  /** Counts one more instance, if the app may have it. */
  take(): boolean {
    if (Atomics.add(this.counts, 0, 1) >= this.max) {
      Atomics.sub(this.counts, 0, 1);
      return false;
    }
    Atomics.add(this.counts, this.slots.slot, 1);
    return true;
  }

  give(): void {
    Atomics.sub(this.counts, this.slots.slot, 1);
    Atomics.sub(this.counts, 0, 1);
  }

  /** A worker that stopped gives back whatever it held; its slot is then free. */
  static forget(buffer: SharedArrayBuffer, slot: number): void {
    const counts = new Int32Array(buffer);
    Atomics.sub(counts, 0, Atomics.exchange(counts, slot, 0));
  }
}
