// A store's calls as messages, for the stores a worker asks the main thread
// to run (app-stores.ts): one method of `Store` and its arguments, and what
// came of it. Every part survives postMessage (bytes, bigints, arrays).
import { type AsyncStore, type Store, StoreError } from './store.js';

type Method = keyof Store;

/** One call of `Store`, on the store labelled `label`. */
export type StoreRequest = { label: string } & { [M in Method]: { method: M; args: Parameters<Store[M]> } }[Method];

/** What the call returned, or the message of the StoreError it threw (`trap`: any other error, which traps the guest). */
export type StoreReply = { ok: true; value: unknown } | { ok: false; error: string; trap: boolean };

const answered = (value: unknown): StoreReply => ({ ok: true, value });
const failed = (error: unknown): StoreReply => ({ ok: false, error: (error as Error).message, trap: !(error instanceof StoreError) });

/** Runs `request` on `store`, and says what came of it, to send back: at once from a store that answers at once. */
export function perform(store: Store | AsyncStore, request: StoreRequest): StoreReply | Promise<StoreReply> {
  // The request pairs the method with its own arguments; TypeScript cannot follow that through an index.
  const method = store[request.method] as (...args: StoreRequest['args']) => unknown;
  try {
    const value = method.apply(store, request.args);
    return value instanceof Promise ? value.then(answered, failed) : answered(value);
  } catch (error) {
    return failed(error);
  }
}

/** A store whose every call is sent away (to the main thread) and waited for. */
export class RemoteStore implements Store {
  constructor(
    private readonly label: string,
    private readonly send: (request: StoreRequest) => StoreReply,
  ) {}

  private call<M extends Method>(method: M, ...args: Parameters<Store[M]>): ReturnType<Store[M]> {
    const reply = this.send({ label: this.label, method, args } as StoreRequest);
    if (reply.ok) return reply.value as ReturnType<Store[M]>;
    throw reply.trap ? new Error(reply.error) : new StoreError(reply.error);
  }

  get(key: string): Uint8Array | undefined {
    return this.call('get', key);
  }
  set(key: string, value: Uint8Array): void {
    this.call('set', key, value);
  }
  delete(key: string): void {
    this.call('delete', key);
  }
  exists(key: string): boolean {
    return this.call('exists', key);
  }
  keys(): string[] {
    return this.call('keys');
  }
  getMany(keys: string[]): [string, Uint8Array][] {
    return this.call('getMany', keys);
  }
  setMany(entries: [string, Uint8Array][]): void {
    this.call('setMany', entries);
  }
  deleteMany(keys: string[]): void {
    this.call('deleteMany', keys);
  }
  increment(key: string, delta: bigint): bigint {
    return this.call('increment', key, delta);
  }
  swap(key: string, expected: Uint8Array | undefined, value: Uint8Array): boolean {
    return this.call('swap', key, expected, value);
  }
}
