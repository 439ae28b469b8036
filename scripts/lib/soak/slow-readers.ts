// The soak's slow readers: clients that ask for book-api's largest answer and
// stop reading after its first bytes. What another client waits for a page
// before, while those answers are being made (the CPU is theirs), and once
// they have all begun and sit unread (they should cost nothing then).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from '../bench/servers.js';
import { LARGE_ANSWER, slowReader } from '../slow-readers.js';

export const SLOW_READERS = 40;
/** How long after the slow readers ask the page is asked for while their answers are made. */
export const ASKED_MS = 500;

export interface SlowReaders {
  beforeMs: number;
  whileMadeMs: number;
  /** Seconds until every answer had begun. */
  madeS: number;
  whileStalledMs: number;
  /** Every slow reader, reading on, got the answer a fast one gets, and no reset. */
  whole: boolean;
}

async function pageMs(app: Pick<Server, 'url'>): Promise<number> {
  const started = performance.now();
  await (await fetch(`${app.url}/?weekday=3`)).arrayBuffer();
  return performance.now() - started;
}

export async function slowReaders(app: Server): Promise<SlowReaders> {
  const whole = Buffer.from(await (await fetch(`${app.url}${LARGE_ANSWER}`)).arrayBuffer());
  const beforeMs = await pageMs(app);
  const started = performance.now();
  const readers = Array.from({ length: SLOW_READERS }, () => slowReader(app.port));
  const allBegun = Promise.all(readers.map((reader) => reader.begun)).then(() => performance.now());
  // Once their requests are in, so that the page does not go first.
  await sleep(ASKED_MS);
  const whileMadeMs = await pageMs(app);
  const madeS = ((await allBegun) - started) / 1000;
  const whileStalledMs = await pageMs(app);
  const read = await Promise.all(readers.map((reader) => reader.readOn()));
  return {
    beforeMs,
    whileMadeMs,
    madeS,
    whileStalledMs,
    whole: read.every(({ bytes, reset }) => !reset && bytes.subarray(bytes.length - whole.length).equals(whole)),
  };
}
