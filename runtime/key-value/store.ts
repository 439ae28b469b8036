// What a key-value store does, whatever keeps its data (Spin's `Store`
// trait). The calls are synchronous: a guest's call to the host is, so a
// store answers in the calling thread (a SQLite file each worker opens) or
// blocks that thread while the main thread answers (a store kept there:
// app-stores.ts). A store that only has an asynchronous client (Redis) is
// kept on the main thread, as an `AsyncStore`.

export interface Store {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  exists(key: string): boolean;
  /** Every key, as Spin lists them: all at once. */
  keys(): string[];
  /** The keys that hold a value, with it; a key that holds none is left out, as Spin leaves it out. */
  getMany(keys: string[]): [string, Uint8Array][];
  /** All or none. */
  setMany(entries: [string, Uint8Array][]): void;
  deleteMany(keys: string[]): void;
  /**
   * Adds `delta` to the counter at `key` (0 when absent) in one step, and
   * answers the sum. Spin keeps a counter as its store does: SQLite as 8
   * bytes, a little-endian i64; Redis as decimal text.
   */
  increment(key: string, delta: bigint): bigint;
  /**
   * Writes `value` if `key` still holds `expected`, in one step, and says
   * whether it did. Without `expected` (nothing was there when the guest
   * looked), Spin writes whatever is there now: creating a key is not atomic.
   */
  swap(key: string, expected: Uint8Array | undefined, value: Uint8Array): boolean;
}

/** A failure the guest is told about, as `other(message)`; any other error traps it. */
export class StoreError extends Error {}

/** A `Store` whose client answers asynchronously (Redis): kept on the main thread. */
export type AsyncStore = { [M in keyof Store]: (...args: Parameters<Store[M]>) => Promise<ReturnType<Store[M]>> } & {
  close(): Promise<void>;
};
