// The part of preview3-shim's wasi:http@0.3.0 resources the runtime itself
// calls, typed: the package's export map gives TypeScript its browser
// declarations, and its Node ones type these calls `any`. package.json's
// "#preview3-shim/*" import points TypeScript here and Node at the package.
import type { Method, Scheme } from '../../generated/interfaces/wasi-http-types.js';
import type { StreamReader } from './stream.js';

export type FieldEntry = [name: string, value: Uint8Array];

export declare class Fields {
  copyAll(): FieldEntry[];
}

/** Fields from entries checked already: a request from outside may carry headers (Host) a guest may not set. */
export declare function _fieldsFromEntriesChecked(entries: FieldEntry[]): Fields;

export declare class RequestOptions {}

export declare class Request {
  static new(
    headers: Fields,
    contents: StreamReader | null,
    trailers: Promise<unknown>,
    options: RequestOptions | null,
  ): [Request, unknown];
  setMethod(method: Method): void;
  setScheme(scheme: Scheme): void;
  setAuthority(authority: string): void;
  setPathWithQuery(pathWithQuery: string): void;
}

/** A body as the guest's stream gives it: bytes, or null at its end. */
export interface BodyReader {
  read(options: { count: number }): Promise<Uint8Array | null>;
}

export declare class Response {
  static consumeBody(response: Response, result: Promise<unknown>): [BodyReader | null, unknown];
  getStatusCode(): number;
  getHeaders(): Fields;
}
