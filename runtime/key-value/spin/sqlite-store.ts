// The `spin` store: Spin's own SQLite table, in a file or in memory, so that
// `spin up` and the local runtime read and write the same data. The schema
// is Spin's, and so are the pragmas: none (a rollback journal, synchronous
// FULL).
//
// Each worker thread opens its own connection to a file, so what must happen
// in one step must hold across connections: an increment reads and writes
// inside `BEGIN IMMEDIATE`, which takes the database's write lock before it
// reads; a swap is one `UPDATE ... WHERE value = <old>`, which SQLite runs
// under that lock. A connection that finds the lock taken waits for it (the
// busy timeout) instead of failing. (Spin holds one connection behind a
// mutex, so its plain transactions are enough for it.)
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { type Store, StoreError } from '../store.js';

export const SCHEMA =
  'CREATE TABLE IF NOT EXISTS spin_key_value (store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key))';

/** How long a connection waits for another's write lock before the guest is told the store is busy. */
const BUSY_TIMEOUT_MS = 5000;

const UPSERT =
  'INSERT INTO spin_key_value (store, key, value) VALUES (?, ?, ?) ON CONFLICT (store, key) DO UPDATE SET value = excluded.value';
/** The keys of a batch, passed as one JSON array. */
const IN_KEYS = 'key IN (SELECT value FROM json_each(?))';

/** SQLite's own failures (busy past the timeout, a file it cannot open or write) are told to the guest, as Spin tells them. */
function told<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SQLITE_ERROR') throw new StoreError((error as Error).message);
    throw error;
  }
}

/** The i64 Spin keeps for a counter: 8 bytes, little-endian. */
function counter(bytes: Uint8Array): bigint {
  // Spin panics on any other length: the guest traps. (Its store's lock is left poisoned, so Spin fails every later call
  // of the store; nothing is held here.)
  if (bytes.length !== 8) throw new Error(`the value is ${bytes.length} bytes, not the 8 of a counter`);
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
}

function counterBytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value, true);
  return bytes;
}

export class SqliteStore implements Store {
  private readonly db: DatabaseSync;
  private readonly select: StatementSync;
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;
  private readonly selectKeys: StatementSync;
  private readonly selectMany: StatementSync;
  private readonly removeMany: StatementSync;
  private readonly update: StatementSync;

  /** The store labelled `name`, in the database at `location` (a file, or `:memory:`). */
  constructor(
    location: string,
    private readonly name: string,
  ) {
    this.db = told(() => new DatabaseSync(location, { timeout: BUSY_TIMEOUT_MS }));
    told(() => this.db.exec(SCHEMA));
    const prepare = (sql: string): StatementSync => told(() => this.db.prepare(sql));
    this.select = prepare('SELECT value FROM spin_key_value WHERE store = ? AND key = ?');
    this.upsert = prepare(UPSERT);
    this.remove = prepare('DELETE FROM spin_key_value WHERE store = ? AND key = ?');
    this.selectKeys = prepare('SELECT key FROM spin_key_value WHERE store = ?');
    this.selectMany = prepare(`SELECT key, value FROM spin_key_value WHERE store = ? AND ${IN_KEYS}`);
    this.removeMany = prepare(`DELETE FROM spin_key_value WHERE store = ? AND ${IN_KEYS}`);
    this.update = prepare('UPDATE spin_key_value SET value = ? WHERE store = ? AND key = ? AND value = ?');
  }

  /** Runs `work` holding the write lock from its start, committed at its end or rolled back. */
  private immediate<T>(work: () => T): T {
    told(() => this.db.exec('BEGIN IMMEDIATE'));
    try {
      const result = work();
      told(() => this.db.exec('COMMIT'));
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  get(key: string): Uint8Array | undefined {
    return told(() => this.select.get(this.name, key)?.value as Uint8Array | undefined);
  }

  set(key: string, value: Uint8Array): void {
    told(() => this.upsert.run(this.name, key, value));
  }

  delete(key: string): void {
    told(() => this.remove.run(this.name, key));
  }

  exists(key: string): boolean {
    return this.get(key) !== undefined;
  }

  keys(): string[] {
    return told(() => this.selectKeys.all(this.name).map((row) => row.key as string));
  }

  getMany(keys: string[]): [string, Uint8Array][] {
    return told(() => this.selectMany.all(this.name, JSON.stringify(keys)).map((row) => [row.key as string, row.value as Uint8Array]));
  }

  setMany(entries: [string, Uint8Array][]): void {
    this.immediate(() => {
      for (const [key, value] of entries) told(() => this.upsert.run(this.name, key, value));
    });
  }

  deleteMany(keys: string[]): void {
    told(() => this.removeMany.run(this.name, JSON.stringify(keys)));
  }

  increment(key: string, delta: bigint): bigint {
    return this.immediate(() => {
      const current = this.get(key);
      // Spin's i64 wraps, as Rust's release builds do.
      const sum = BigInt.asIntN(64, (current === undefined ? 0n : counter(current)) + delta);
      this.set(key, counterBytes(sum));
      return sum;
    });
  }

  swap(key: string, expected: Uint8Array | undefined, value: Uint8Array): boolean {
    if (expected === undefined) {
      this.set(key, value);
      return true;
    }
    return told(() => this.update.run(value, this.name, key, expected)).changes === 1;
  }

  close(): void {
    this.db.close();
  }
}
