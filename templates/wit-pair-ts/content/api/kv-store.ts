// The catalogue's store over Spin's key-value stores (wasi:keyvalue
// 0.2.0-draft2): the store labelled `default`, which each manifest grants with
// `key_value_stores = ["default"]`. wasi:keyvalue rather than
// spin:key-value because only it has an atomic step, `increment`, which
// gives each new book an id no other request can get.
import { increment } from 'wasi:keyvalue/atomics@0.2.0-draft2';
import { type Bucket, open } from 'wasi:keyvalue/store@0.2.0-draft2';
import { int64, option, witError } from '../shared/wit-values.js';
import { type Store, StoreError } from './store.js';

const LABEL = 'default';

/** `call`, its failure a StoreError saying what was being done and why it failed. */
function attempt<T>(doing: string, call: () => T): T {
  try {
    return call();
  } catch (cause) {
    const error = witError(cause) as { tag?: string; val?: unknown } | undefined;
    const why = error?.tag === undefined ? String(cause) : error.tag === 'other' ? String(error.val) : error.tag;
    throw new StoreError(`${doing} failed: ${why}`);
  }
}

/** The store, opened on first use (not while the component is pre-initialised, when there is no host). */
export function keyValueStore(): Store {
  let opened: Bucket | undefined;
  const bucket = (): Bucket => {
    opened ??= attempt(`opening the key-value store "${LABEL}"`, () => open(LABEL));
    return opened;
  };
  return {
    get: (key) => attempt(`reading ${key}`, () => option(bucket().get(key))),
    set: (key, value) => attempt(`writing ${key}`, () => bucket().set(key, value)),
    delete: (key) => attempt(`removing ${key}`, () => bucket().delete(key)),
    // Spin answers every key at once, with no cursor.
    keys: () => attempt('listing the keys', () => bucket().listKeys(undefined).keys),
    increment: (key, delta) => Number(attempt(`incrementing ${key}`, () => increment(bucket(), key, int64(delta)))),
  };
}
