// The part of preview3-shim's wasi:http@0.3.0 resources the runtime itself
// calls, typed: the package's export map gives TypeScript its browser
// declarations, and its Node ones type these calls `any`. package.json's
// "#preview3-shim/*" import points TypeScript here and Node at the package.
import type { ErrorCode, Method, Scheme } from '../../generated/interfaces/wasi-http-types.js';
import type { StreamReader } from './stream.js';

export type FieldEntry = [name: string, value: Uint8Array];

export declare class Fields {
  copyAll(): FieldEntry[];
}

/** Fields from entries checked already: a request from outside may carry headers (Host) a guest may not set. */
export declare function _fieldsFromEntriesChecked(entries: FieldEntry[]): Fields;

export declare class RequestOptions {}

/** A failure whose payload is the wasi:http error-code a guest is given. */
export declare class HttpError extends Error {
  constructor(tag: ErrorCode['tag'], message?: string, val?: unknown);
}

/** A body as the guest's stream gives it: bytes, or null at its end. */
export interface BodyReader {
  read(options: { count: number }): Promise<Uint8Array | null>;
}

export declare class Request {
  static new(
    headers: Fields,
    contents: StreamReader | null,
    trailers: Promise<unknown>,
    options: RequestOptions | null,
  ): [Request, unknown];
  static consumeBody(request: Request, result: Promise<unknown>): [BodyReader | null, unknown];
  getMethod(): Method;
  getScheme(): Scheme | undefined;
  getAuthority(): string | undefined;
  getPathWithQuery(): string | undefined;
  getHeaders(): Fields;
  setMethod(method: Method): void;
  setScheme(scheme: Scheme): void;
  setAuthority(authority: string): void;
  setPathWithQuery(pathWithQuery: string): void;
  /** Settles the future the guest was given with the request: whether it went out. */
  _resolve(result: { tag: 'ok'; val: undefined } | { tag: 'err'; val: ErrorCode }): void;
}

export declare class Response {
  static new(headers: Fields, contents: StreamReader | null, trailers: Promise<unknown>): [Response, unknown];
  static consumeBody(response: Response, result: Promise<unknown>): [BodyReader | null, unknown];
  getStatusCode(): number;
  setStatusCode(status: number): void;
  getHeaders(): Fields;
}
