// componentize-qjs's handles for the streams and futures of jco's
// declarations: jco declares a stream<u8> as AsyncIterable<number> and a
// future as a PromiseLike; componentize-qjs passes and takes the handles of
// quickjs-wit.d.ts. The WASI 0.3 faces convert here, in one place.
import type { ErrorCode } from 'wasi:http/types@0.3.0';

/** What a wasi:http future carries: its value, or an error code. */
export type Outcome<T> = { tag: 'ok'; val: T } | { tag: 'err'; val: ErrorCode };

export const OK: Outcome<undefined> = { tag: 'ok', val: undefined };

export const streamOf = (stream: AsyncIterable<number>) => stream as unknown as wit.StreamReadable<Uint8Array>;
/** A stream of other values, which jco declares as what it is, an async iterable, with the handle's own methods besides. */
export const readableOf = <T>(stream: AsyncIterable<T>) => stream as wit.StreamReadable<T>;
export const asDeclaredStream = (stream: wit.StreamReadable<Uint8Array>) => stream as unknown as AsyncIterable<number>;
export const asDeclaredFuture = <T>(future: wit.FutureReadable<T>) => future as unknown as PromiseLike<T>;
/** A future the guest is handed and has no use for, released. */
export const dropFuture = (future: PromiseLike<unknown>) => (future as unknown as wit.FutureReadable<unknown>).drop();
/** Writes a future's one value, then lets its end go: written, it is still the guest's until dropped. */
export async function settle<T>(future: wit.FutureWritable<T>, value: T): Promise<void> {
  await future.write(value);
  future.drop();
}
