// What the catalogue needs of a key-value store: kv-store.ts gives it over
// Spin's wasi:keyvalue, the tests give it over a Map. Each call either does
// what it says or throws a StoreError.

export class StoreError extends Error {}

export interface BookStore {
  get(key: string): Uint8Array | undefined;
  /** The values of those `keys` that have one. */
  getMany(keys: string[]): Map<string, Uint8Array>;
  /** Every key of the store. */
  keys(): string[];
  set(key: string, value: Uint8Array): void;
  /** All of them, in one step. */
  setMany(entries: [string, Uint8Array][]): void;
  delete(key: string): void;
  /** Adds `delta` to the integer at `key` (0 when absent), in one step, and answers the sum. */
  increment(key: string, delta: number): number;
  /** `key` read for a compare-and-swap. */
  watch(key: string): Watched;
}

/** A key as it was read, to be written only if nobody has written it since. */
export interface Watched {
  current: Uint8Array | undefined;
  /** Writes `value` in one step if the key still holds `current`; otherwise says what it holds now. */
  swap(value: Uint8Array): { swapped: true } | { swapped: false; current: Uint8Array | undefined };
}
