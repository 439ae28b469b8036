// Memories for the instances of one core module, each starting as the
// module's initial image, so that a fresh instance needs no data segments
// written: one copy into pages already mapped. Each may grow to the
// module's maximum or the app's cap, whichever is lower: past it,
// memory.grow fails, as in Spin with --max-instance-memory.
import type { MemorySnapshot } from './compile.js';

const PAGE = 65536;
/** Reset memories kept for reuse, per core module: more than the instances alive at once in one thread. */
const KEPT_MEMORIES = 4;

/**
 * Memories for one core module, each starting as its image. A memory an
 * instance has finished with is reset and reused, so that the next instance
 * starts with one copy into pages already mapped. One that grew is dropped:
 * its new size would show.
 */
export class MemoryPool {
  private readonly free: WebAssembly.Memory[] = [];
  private readonly initialBytes: number;
  private readonly maximumPages: number | undefined;

  constructor(
    private readonly snapshot: MemorySnapshot,
    maxBytes?: number,
  ) {
    this.initialBytes = snapshot.layout.initialPages * PAGE;
    const capPages = maxBytes === undefined ? undefined : Math.floor(maxBytes / PAGE);
    const declared = snapshot.layout.maximumPages;
    this.maximumPages = capPages === undefined ? declared : Math.min(capPages, declared ?? capPages);
  }

  take(): WebAssembly.Memory {
    const recycled = this.free.pop();
    if (recycled) return recycled;
    const initial = this.snapshot.layout.initialPages;
    if (this.maximumPages !== undefined && this.maximumPages < initial) {
      throw new RangeError(`the module's memory starts at ${this.initialBytes} bytes, more than --max-instance-memory allows`);
    }
    const memory = new WebAssembly.Memory(this.maximumPages === undefined ? { initial } : { initial, maximum: this.maximumPages });
    const bytes = new Uint8Array(memory.buffer);
    for (const run of this.snapshot.runs) bytes.set(run.bytes, run.offset);
    return memory;
  }

  /** Writes every byte once: the runs, and zero between and after them. */
  give(memory: WebAssembly.Memory): void {
    if (memory.buffer.byteLength !== this.initialBytes || this.free.length >= KEPT_MEMORIES) return;
    const bytes = new Uint8Array(memory.buffer);
    let end = 0;
    for (const run of this.snapshot.runs) {
      bytes.fill(0, end, run.offset);
      bytes.set(run.bytes, run.offset);
      end = run.offset + run.bytes.length;
    }
    bytes.fill(0, end);
    this.free.push(memory);
  }
}
