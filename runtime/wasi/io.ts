// wasi:io for the local runtime. Everything here is synchronous: a guest that
// blocks in `poll` is blocking this thread, which is how a guest compiled for
// WASI 0.2 expects the world to behave.
import type * as Error_ from '../generated/interfaces/wasi-io-error.js';
import type * as Poll from '../generated/interfaces/wasi-io-poll.js';
import type * as Streams from '../generated/interfaces/wasi-io-streams.js';

/** The wasi:io/error resource: a message a guest can print. */
export class IoError implements Error_.Error {
  constructor(readonly message: string) {}
  toDebugString(): string {
    return this.message;
  }
}

/**
 * A pollable is ready when `isReady` says so. One with a `deadline`
 * (monotonic nanoseconds) becomes ready by itself once the clock passes it;
 * one without can only be ready already, or never.
 */
export class Pollable implements Poll.Pollable {
  constructor(
    private readonly isReady: () => boolean,
    readonly deadline?: bigint,
  ) {}
  ready(): boolean {
    return this.isReady();
  }
  block(): void {
    waitForAny([this]);
  }
}

export const ALWAYS_READY = (): boolean => true;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function waitForAny(pollables: Pollable[]): void {
  for (;;) {
    if (pollables.some((p) => p.ready())) return;
    const deadlines = pollables.flatMap((p) => (p.deadline === undefined ? [] : [p.deadline]));
    if (deadlines.length === 0) {
      // Throwing an Error traps the guest instead of hanging the thread.
      throw new Error('wasi:io/poll: the guest waits on pollables that can never become ready');
    }
    // biome-ignore lint/complexity/useMathMinMax: the deadlines are bigints, which Math.min does not take.
    const earliest = deadlines.reduce((a, b) => (a < b ? a : b));
    const waitMs = Number(earliest - process.hrtime.bigint()) / 1e6;
    if (waitMs > 0) Atomics.wait(sleeper, 0, 0, waitMs);
  }
}

export function poll(pollables: Pollable[]): Uint32Array {
  waitForAny(pollables);
  const ready: number[] = [];
  for (const [i, p] of pollables.entries()) if (p.ready()) ready.push(i);
  return Uint32Array.from(ready);
}

const CLOSED: Streams.StreamError = { tag: 'closed' };

/**
 * Where an input stream's bytes come from: `pull` blocks until it has some
 * (at most `max`), and says undefined at the end.
 */
export interface ByteSource {
  pull(max: number): Uint8Array | undefined;
}

/** Bytes the host already holds, as a source. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  let offset = 0;
  return {
    pull(max) {
      if (offset >= bytes.length) return undefined;
      const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + max));
      offset += chunk.length;
      return chunk;
    },
  };
}

/** An input stream over a source: bytes the host holds, or a request body still arriving. */
export class InputStream implements Streams.InputStream {
  constructor(private readonly source: ByteSource) {}
  read(len: bigint): Uint8Array {
    const chunk = this.source.pull(Number(len));
    if (chunk === undefined) throw CLOSED;
    return chunk;
  }
  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }
  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }
  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }
  subscribe(): Pollable {
    return new Pollable(ALWAYS_READY);
  }
}

/** Where an output stream's bytes go. */
export type Sink = (bytes: Uint8Array) => void;

/** How much a guest may write in one call; any amount would do, as writes never block. */
const WRITE_BUDGET = 1n << 20n;

/** An output stream that hands every write to a sink at once, until the host closes it. */
export class OutputStream implements Streams.OutputStream {
  #open = true;
  constructor(private readonly sink: Sink) {}
  /** Host side: no more writes, as when the body that owns the stream is finished. */
  close(): void {
    this.#open = false;
  }
  #check(): void {
    if (!this.#open) throw CLOSED;
  }
  checkWrite(): bigint {
    this.#check();
    return WRITE_BUDGET;
  }
  write(contents: Uint8Array): void {
    this.#check();
    if (contents.length > 0) this.sink(contents);
  }
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.write(contents);
  }
  flush(): void {
    this.#check();
  }
  blockingFlush(): void {
    this.#check();
  }
  subscribe(): Pollable {
    return new Pollable(ALWAYS_READY);
  }
  writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }
  splice(src: InputStream, len: bigint): bigint {
    this.#check();
    const chunk = src.read(len);
    this.write(chunk);
    return BigInt(chunk.length);
  }
  blockingSplice(src: InputStream, len: bigint): bigint {
    return this.splice(src, len);
  }
}
