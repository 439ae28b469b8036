// What the catalogue needs of a key-value store: kv-store.ts gives it over
// Spin's wasi:keyvalue, the tests over a Map. Each call either does what it
// says or throws a StoreError.

export class StoreError extends Error {}

export interface Store {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  /** Every key of the store. */
  keys(): string[];
  /** Adds `delta` to the integer at `key` (0 when absent), in one step whoever else writes, and answers the sum. */
  increment(key: string, delta: number): number;
}
