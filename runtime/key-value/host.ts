// wasi:keyvalue/store, atomics and batch @0.2.0-draft2, as Spin 4.1 answers
// them (its factor-key-value host), for one instance: `open` gives a bucket
// only for a label the component's `key_value_stores` lists, else
// `access-denied`; `list-keys` takes no cursor; a compare-and-swap remembers
// what `current` read, and one that loses hands back a fresh handle holding
// what is there now.
import type * as AtomicsWit from '../generated/interfaces/wasi-keyvalue-atomics.js';
import type * as Batch from '../generated/interfaces/wasi-keyvalue-batch.js';
import type * as KeyValue from '../generated/interfaces/wasi-keyvalue-store.js';
import { type Store, StoreError } from './store.js';

/** What one instance may open: the labels its component lists, and the app's stores by label (none for a label the app lacks). */
export interface KeyValueAccess {
  labels: ReadonlySet<string>;
  open(label: string): Store | undefined;
}

type WitError = KeyValue.Error;

/** Runs a store call; a StoreError reaches the guest as `other`, anything else traps it. */
function told<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof StoreError) throw { tag: 'other', val: error.message } satisfies WitError;
    throw error;
  }
}

/** The same, for a compare-and-swap, whose errors wrap the store's. */
function toldCas<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof StoreError) throw { tag: 'store-error', val: { tag: 'other', val: error.message } } satisfies AtomicsWit.CasError;
    throw error;
  }
}

export class Bucket implements KeyValue.Bucket {
  constructor(readonly store: Store) {}

  get(key: string): Uint8Array | undefined {
    return told(() => this.store.get(key));
  }
  set(key: string, value: Uint8Array): void {
    told(() => this.store.set(key, value));
  }
  delete(key: string): void {
    told(() => this.store.delete(key));
  }
  exists(key: string): boolean {
    return told(() => this.store.exists(key));
  }
  listKeys(cursor: string | undefined): KeyValue.KeyResponse {
    if (cursor !== undefined) throw { tag: 'other', val: 'list_keys: cursor not supported' } satisfies WitError;
    return { keys: told(() => this.store.keys()), cursor: undefined };
  }
}

/** The bindings hand back only the buckets this module made. */
function ours(bucket: KeyValue.Bucket): Bucket {
  if (!(bucket instanceof Bucket)) throw new TypeError('wasi:keyvalue: not a bucket of this host');
  return bucket;
}

/** A key watched for a compare-and-swap; as in Spin, nothing is read until `current` is called. */
export class Cas implements AtomicsWit.Cas {
  /** What `current` read: none before it is called, or when the key was absent. */
  seen?: Uint8Array;

  private constructor(
    readonly bucket: Bucket,
    readonly key: string,
  ) {}

  static new(bucket: KeyValue.Bucket, key: string): Cas {
    return new Cas(ours(bucket), key);
  }

  current(): Uint8Array | undefined {
    this.seen = told(() => this.bucket.store.get(this.key));
    return this.seen;
  }
}

// The resource classes are not typed as the generated ones: those declare constructors with no arguments.
export const keyValueStore = (access: KeyValueAccess) => ({
  Bucket,
  open: ((label) => {
    if (!access.labels.has(label)) throw { tag: 'access-denied' } satisfies WitError;
    const store = told(() => access.open(label));
    if (!store) throw { tag: 'no-such-store' } satisfies WitError;
    return new Bucket(store);
  }) satisfies typeof KeyValue.open,
});

export const keyValueAtomics = {
  Cas,
  increment: ((bucket, key, delta) => told(() => ours(bucket).store.increment(key, delta))) satisfies typeof AtomicsWit.increment,
  swap: ((cas, value) => {
    if (!(cas instanceof Cas)) throw new TypeError('wasi:keyvalue: not a cas of this host');
    if (toldCas(() => cas.bucket.store.swap(cas.key, cas.seen, value))) return;
    // Spin's answer to a swap that lost: a new handle on the key, holding what is there now.
    const fresh = Cas.new(cas.bucket, cas.key);
    toldCas(() => fresh.current());
    throw { tag: 'cas-failed', val: fresh } satisfies AtomicsWit.CasError;
  }) satisfies typeof AtomicsWit.swap,
};

// Spin answers an empty batch without asking the store.
export const keyValueBatch: typeof Batch = {
  getMany: (bucket, keys) => (keys.length === 0 ? [] : told(() => ours(bucket).store.getMany(keys))),
  setMany: (bucket, entries) => (entries.length === 0 ? undefined : told(() => ours(bucket).store.setMany(entries))),
  deleteMany: (bucket, keys) => (keys.length === 0 ? undefined : told(() => ours(bucket).store.deleteMany(keys))),
};
