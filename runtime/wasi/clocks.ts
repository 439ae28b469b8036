// wasi:clocks. The wall clock can be pinned, so that tests can say which day
// "today" is; the monotonic clock is always the real one.
import type * as Monotonic from '../generated/interfaces/wasi-clocks-monotonic-clock.js';
import type * as Wall from '../generated/interfaces/wasi-clocks-wall-clock.js';
import { Pollable } from './io.js';

const now = (): bigint => process.hrtime.bigint();

export const monotonicClock: typeof Monotonic = {
  now,
  resolution: () => 1n,
  subscribeInstant: (when) => new Pollable(() => now() >= when, when),
  subscribeDuration: (duration) => {
    const when = now() + duration;
    return new Pollable(() => now() >= when, when);
  },
};

/** Milliseconds since the Unix epoch, as `Date.now` gives them. */
export type WallClock = () => number;

export function wallClock(clock: WallClock = Date.now): typeof Wall {
  return {
    now: () => {
      const ms = clock();
      return { seconds: BigInt(Math.floor(ms / 1000)), nanoseconds: (ms % 1000) * 1_000_000 };
    },
    resolution: () => ({ seconds: 0n, nanoseconds: 1_000_000 }),
  };
}
