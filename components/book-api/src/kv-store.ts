// The catalogue's store over Spin's key-value stores (wasi:keyvalue
// 0.2.0-draft2): the store labelled `default`, which the manifest grants with
// `key_value_stores = ["default"]`. wasi:keyvalue rather than
// spin:key-value@3.0.0 because only it has the atomic steps the catalogue
// needs: `increment` for ids and a compare-and-swap for versions.
import { Cas, increment, swap } from 'wasi:keyvalue/atomics@0.2.0-draft2';
import { getMany as batchGetMany, setMany } from 'wasi:keyvalue/batch@0.2.0-draft2';
import { type Bucket, open } from 'wasi:keyvalue/store@0.2.0-draft2';
import { int64, option, witError } from '../../shared/wit-values.js';
import { type BookStore, StoreError, type Watched } from './store.js';

const LABEL = 'default';

/** What a failed call says, as a StoreError. */
function describe(doing: string, cause: unknown): StoreError {
  const error = witError(cause) as { tag?: string; val?: unknown } | undefined;
  const why = error?.tag === undefined ? String(cause) : error.tag === 'other' ? String(error.val) : error.tag;
  return new StoreError(`${doing} failed: ${why}`);
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** `call`, its failure said as what it was doing; a failure already said (opening the store first) as it was. */
function attempt<T>(doing: string, call: () => T): T {
  try {
    return call();
  } catch (cause) {
    throw cause instanceof StoreError ? cause : describe(doing, cause);
  }
}

/** The store, opened on first use: an instance opens it once, whatever it serves. */
export function keyValueStore(): BookStore {
  let opened: Bucket | undefined;
  const bucket = (): Bucket => {
    opened ??= attempt(`opening the key-value store "${LABEL}"`, () => open(LABEL));
    return opened;
  };
  const watch = (key: string, cas: Cas): Watched => {
    const current = attempt(`reading ${key}`, () => option(cas.current()));
    return {
      current,
      swap(value) {
        try {
          swap(cas, value);
          return { swapped: true };
        } catch (cause) {
          const error = witError(cause) as { tag?: string; val?: unknown } | undefined;
          if (error?.tag !== 'cas-failed') throw describe(`writing ${key}`, cause);
          const now = attempt(`reading ${key}`, () => option((error.val as Cas).current()));
          // Spin 4.1's Redis store writes, then fails on its own UNWATCH and says cas-failed: what it
          // wrote in place means it did.
          return now !== undefined && sameBytes(now, value) ? { swapped: true } : { swapped: false, current: now };
        }
      },
    };
  };
  /** Spin 4.1's Redis store sends get-many as KEYS, which Redis refuses: then one at a time. */
  const getMany = (keys: string[]): [string, Uint8Array | undefined][] => {
    try {
      return batchGetMany(bucket(), keys).map(([key, value]) => [key, option(value)]);
    } catch {
      return keys.map((key) => [key, attempt(`reading ${key}`, () => option(bucket().get(key)))]);
    }
  };
  return {
    get: (key) => attempt(`reading ${key}`, () => option(bucket().get(key))),
    getMany: (keys) =>
      new Map(
        attempt(`reading ${keys.length} keys`, () => getMany(keys)).flatMap(([key, bytes]) =>
          bytes === undefined ? [] : [[key, bytes] as const],
        ),
      ),
    keys: () => attempt('listing the keys', () => bucket().listKeys(undefined).keys),
    set: (key, value) => attempt(`writing ${key}`, () => bucket().set(key, value)),
    setMany: (entries) => attempt(`writing ${entries.length} keys`, () => setMany(bucket(), entries)),
    delete: (key) => attempt(`removing ${key}`, () => bucket().delete(key)),
    increment: (key, delta) => Number(attempt(`incrementing ${key}`, () => increment(bucket(), key, int64(delta)))),
    watch: (key) =>
      watch(
        key,
        attempt(`watching ${key}`, () => Cas.new(bucket(), key)),
      ),
  };
}
