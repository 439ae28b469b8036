// componentize-qjs's global `wit`, present when a guest is built with its
// async runtime (the WASI 0.3 guests): the two ends of a component-model
// stream or future made by the guest. Only what the faces use is declared.
// jco's declarations of wasi:http@0.3.0 say `AsyncIterable<number>` for a
// `stream<u8>` and `PromiseLike` for a future; on QuickJS they are these
// handles instead, which quickjs-handles.ts converts between, in one place.
declare namespace wit {
  /** A type constant, named from the WIT types the component uses (`U8`, `RESULT_VOID_ERROR_CODE`). */
  type TypeConstant = number;

  interface StreamReadable<T> extends AsyncIterable<T> {
    /** Up to `count` values, as many as the writer offers: bytes of a `stream<u8>`, else an array; none once it has ended. */
    read(count: number): Promise<T extends Uint8Array ? Uint8Array : T[]>;
    /** Ends the iteration and releases the handle. */
    return(): Promise<IteratorResult<T>>;
    drop(): void;
  }

  interface StreamWritable<T> {
    /** Writes every value, retrying as the reader takes them. */
    writeAll(values: T): Promise<number>;
    drop(): void;
  }

  interface FutureReadable<T> {
    read(): Promise<T>;
    drop(): void;
  }

  interface FutureWritable<T> {
    write(value: T): Promise<boolean>;
    drop(): void;
  }

  interface StreamFactory {
    /** A `stream<u8>`, read and written in chunks of bytes. */
    (type: TypeConstant): { readable: StreamReadable<Uint8Array>; writable: StreamWritable<Uint8Array> };
    /** A stream of `T`, read one at a time and written from an array. */
    <T>(type: TypeConstant): { readable: StreamReadable<T>; writable: StreamWritable<T[]> };
    readonly U8: TypeConstant;
  }

  interface FutureFactory {
    <T>(type: TypeConstant): { readable: FutureReadable<T>; writable: FutureWritable<T> };
    /** `future<result<_, error-code>>` of wasi:http. */
    readonly RESULT_VOID_ERROR_CODE: TypeConstant;
    /** `future<result<option<trailers>, error-code>>` of wasi:http (a resource's name is `OTHER`). */
    readonly RESULT_OPTION_OTHER_ERROR_CODE: TypeConstant;
  }

  const Stream: StreamFactory;
  const Future: FutureFactory;
}
