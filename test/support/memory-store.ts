// book-api's store port over a Map, for the domain's tests: what the
// catalogue does, apart from the key-value store that keeps it. `before`
// runs ahead of each step, so a test can write between a read and a swap.
import type { BookStore, Watched } from '../../components/book-api/src/store.js';

const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b)));

export class MemoryStore implements BookStore {
  readonly data = new Map<string, Uint8Array>();
  /** Called before each operation with its name: a test's hook to interleave another writer. */
  before: (operation: string) => void = () => {};

  get(key: string): Uint8Array | undefined {
    this.before('get');
    return this.data.get(key);
  }
  getMany(keys: string[]): Map<string, Uint8Array> {
    this.before('getMany');
    return new Map(keys.flatMap((key) => (this.data.has(key) ? [[key, this.data.get(key) as Uint8Array] as const] : [])));
  }
  keys(): string[] {
    this.before('keys');
    return [...this.data.keys()];
  }
  set(key: string, value: Uint8Array): void {
    this.before('set');
    this.data.set(key, value);
  }
  setMany(entries: [string, Uint8Array][]): void {
    this.before('setMany');
    for (const [key, value] of entries) this.data.set(key, value);
  }
  delete(key: string): void {
    this.before('delete');
    this.data.delete(key);
  }
  increment(key: string, delta: number): number {
    this.before('increment');
    const bytes = this.data.get(key);
    const next = (bytes ? Buffer.from(bytes).readBigInt64LE() : 0n) + BigInt(delta);
    const out = Buffer.alloc(8);
    out.writeBigInt64LE(next);
    this.data.set(key, out);
    return Number(next);
  }
  watch(key: string): Watched {
    this.before('watch');
    const current = this.data.get(key);
    return {
      current,
      swap: (value) => {
        this.before('swap');
        const now = this.data.get(key);
        if (!same(now, current)) return { swapped: false, current: now };
        this.data.set(key, value);
        return { swapped: true };
      },
    };
  }
}
