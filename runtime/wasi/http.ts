// wasi:http/types and wasi:http/outgoing-handler for the local runtime.
// A request from outside reaches its guest as the guest reads it; every
// other body is buffered: responses leave a guest whole, and a guest's
// outgoing request and its answer travel whole.
import type * as Outgoing from '../generated/interfaces/wasi-http-outgoing-handler.js';
import type * as Types from '../generated/interfaces/wasi-http-types.js';
import { ALWAYS_READY, type ByteSource, bytesSource, InputStream, type IoError, OutputStream, Pollable } from './io.js';

export type ErrorCode = Types.ErrorCode;

/** A request as the host holds it. Header values are latin1, as on the wire. */
export interface HttpRequest {
  method: string;
  scheme: 'http' | 'https';
  authority: string;
  pathWithQuery: string;
  headers: [string, string][];
  body: Uint8Array;
}

/** A request handed to a guest: a routed request's body may still be arriving. */
export interface IncomingHttpRequest extends Omit<HttpRequest, 'body'> {
  body: Uint8Array | ByteSource;
}

export interface HttpResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export type OutboundResult = { ok: true; response: HttpResponse } | { ok: false; error: ErrorCode };

/** Sends a guest's outgoing request. Synchronous: the guest is waiting anyway. */
export type Outbound = (request: HttpRequest) => OutboundResult;

// Headers a guest may not set; the host derives them from the message itself.
const FORBIDDEN = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'http2-settings']);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const toBytes = (value: string): Uint8Array => Buffer.from(value, 'latin1');
const fromBytes = (value: Uint8Array): string => Buffer.from(value).toString('latin1');

function checkName(name: string): void {
  if (!TOKEN.test(name)) throw { tag: 'invalid-syntax' } satisfies Types.HeaderError;
  if (FORBIDDEN.has(name.toLowerCase())) throw { tag: 'forbidden' } satisfies Types.HeaderError;
}

function checkValue(value: Uint8Array): void {
  if (value.some((b) => b === 0x0d || b === 0x0a || b === 0x00)) throw { tag: 'invalid-syntax' } satisfies Types.HeaderError;
}

export class Fields implements Types.Fields {
  #entries: [string, Uint8Array][] = [];
  #immutable = false;

  static fromList(entries: [string, Uint8Array][]): Fields {
    const fields = new Fields();
    for (const [name, value] of entries) fields.append(name, value);
    return fields;
  }

  /** Host side: fields the guest may read but not change, without the guest's checks. */
  static frozen(entries: [string, Uint8Array][]): Fields {
    const fields = new Fields();
    fields.#entries = entries.map(([name, value]) => [name, value]);
    fields.#immutable = true;
    return fields;
  }

  /** Host side: the entries as latin1 strings. */
  toPairs(): [string, string][] {
    return this.#entries.map(([name, value]) => [name, fromBytes(value)]);
  }

  #mutable(): void {
    if (this.#immutable) throw { tag: 'immutable' } satisfies Types.HeaderError;
  }

  get(name: string): Uint8Array[] {
    const key = name.toLowerCase();
    return this.#entries.filter(([n]) => n.toLowerCase() === key).map(([, value]) => value);
  }
  has(name: string): boolean {
    return this.get(name).length > 0;
  }
  set(name: string, values: Uint8Array[]): void {
    this.#mutable();
    checkName(name);
    values.forEach(checkValue);
    this.delete(name);
    for (const value of values) this.#entries.push([name, value]);
  }
  delete(name: string): void {
    this.#mutable();
    checkName(name);
    const key = name.toLowerCase();
    this.#entries = this.#entries.filter(([n]) => n.toLowerCase() !== key);
  }
  append(name: string, value: Uint8Array): void {
    this.#mutable();
    checkName(name);
    checkValue(value);
    this.#entries.push([name, value]);
  }
  entries(): [string, Uint8Array][] {
    return this.#entries.map(([name, value]) => [name, value]);
  }
  clone(): Fields {
    const copy = new Fields();
    copy.#entries = this.entries();
    return copy;
  }
  /** Host side: what a resource that took these fields keeps. */
  freeze(): Fields {
    return Fields.frozen(this.#entries);
  }
}

function pairsToFields(pairs: [string, string][]): Fields {
  return Fields.frozen(pairs.map(([name, value]) => [name, toBytes(value)]));
}

const METHODS = ['get', 'head', 'post', 'put', 'delete', 'connect', 'options', 'trace', 'patch'] as const;

export function methodVariant(method: string): Types.Method {
  const lower = method.toLowerCase();
  return (METHODS as readonly string[]).includes(lower) ? ({ tag: lower } as Types.Method) : { tag: 'other', val: method };
}

export function methodName(method: Types.Method): string {
  return method.tag === 'other' ? method.val : method.tag.toUpperCase();
}

/** A resource a guest may take once; a second take is the WIT `err(())`. */
function takeOnce<T>(value: T | undefined, clear: () => void): T {
  if (value === undefined) throw undefined;
  clear();
  return value;
}

export class IncomingBody implements Types.IncomingBody {
  #stream: InputStream | undefined;
  constructor(body: Uint8Array | ByteSource) {
    this.#stream = new InputStream(body instanceof Uint8Array ? bytesSource(body) : body);
  }
  stream(): InputStream {
    return takeOnce(this.#stream, () => (this.#stream = undefined));
  }
  static finish(_body: IncomingBody): FutureTrailers {
    return new FutureTrailers();
  }
}

/** Trailers never arrive here: the host passes none on. */
export class FutureTrailers implements Types.FutureTrailers {
  #taken = false;
  subscribe(): Pollable {
    return new Pollable(ALWAYS_READY);
  }
  get(): Types.Result<Types.Result<Fields | undefined, ErrorCode>, void> {
    if (this.#taken) return { tag: 'err', val: undefined };
    this.#taken = true;
    return { tag: 'ok', val: { tag: 'ok', val: undefined } };
  }
}

export class IncomingRequest implements Types.IncomingRequest {
  #body: IncomingBody | undefined;
  constructor(private readonly request: IncomingHttpRequest) {
    this.#body = new IncomingBody(request.body);
  }
  method(): Types.Method {
    return methodVariant(this.request.method);
  }
  pathWithQuery(): string {
    return this.request.pathWithQuery;
  }
  scheme(): Types.Scheme {
    return this.request.scheme === 'https' ? { tag: 'HTTPS' } : { tag: 'HTTP' };
  }
  authority(): string {
    return this.request.authority;
  }
  headers(): Fields {
    return pairsToFields(this.request.headers);
  }
  consume(): IncomingBody {
    return takeOnce(this.#body, () => (this.#body = undefined));
  }
}

export class IncomingResponse implements Types.IncomingResponse {
  #body: IncomingBody | undefined;
  constructor(private readonly response: HttpResponse) {
    this.#body = new IncomingBody(response.body);
  }
  status(): number {
    return this.response.status;
  }
  headers(): Fields {
    return pairsToFields(this.response.headers);
  }
  consume(): IncomingBody {
    return takeOnce(this.#body, () => (this.#body = undefined));
  }
}

type BodySizeError = 'HTTP-request-body-size' | 'HTTP-response-body-size';

/** A body the guest writes. The host reads it once the guest has finished it. */
export class OutgoingBody implements Types.OutgoingBody {
  #chunks: Uint8Array[] = [];
  #written = 0;
  #stream: OutputStream | undefined;
  #finished = false;

  constructor(
    private readonly declaredLength: number | undefined,
    private readonly sizeError: BodySizeError,
  ) {
    this.#stream = new OutputStream((bytes) => {
      this.#chunks.push(bytes);
      this.#written += bytes.length;
    });
  }
  write(): OutputStream {
    return takeOnce(this.#stream, () => (this.#stream = undefined));
  }
  static finish(body: OutgoingBody, trailers: Fields | undefined): void {
    body.#finish(trailers);
  }
  #finish(trailers: Fields | undefined): void {
    if (trailers !== undefined) throw { tag: 'internal-error', val: 'trailers are not supported' } satisfies ErrorCode;
    if (this.declaredLength !== undefined && this.declaredLength !== this.#written) {
      throw { tag: this.sizeError, val: BigInt(this.#written) } satisfies ErrorCode;
    }
    this.#finished = true;
    this.#stream?.close();
  }
  /** Host side: the whole body, or undefined while the guest is still writing it. */
  bytes(): Uint8Array | undefined {
    return this.#finished ? Buffer.concat(this.#chunks) : undefined;
  }
}

function declaredLength(headers: Fields): number | undefined {
  const [value] = headers.get('content-length');
  return value === undefined ? undefined : Number(fromBytes(value));
}

/** Status, headers and the body the guest is writing: what outgoing messages share. */
class OutgoingMessage {
  protected readonly fields: Fields;
  protected outgoingBody: OutgoingBody | undefined;
  #bodyTaken = false;

  constructor(headers: Fields, sizeError: BodySizeError) {
    this.fields = headers.freeze();
    this.outgoingBody = new OutgoingBody(declaredLength(headers), sizeError);
  }
  headers(): Fields {
    return this.fields.freeze();
  }
  body(): OutgoingBody {
    if (this.#bodyTaken || this.outgoingBody === undefined) throw undefined;
    this.#bodyTaken = true;
    return this.outgoingBody;
  }
  /** Host side: the finished body; empty when the guest never asked for one. */
  protected finishedBody(): Uint8Array | undefined {
    return this.#bodyTaken ? this.outgoingBody?.bytes() : new Uint8Array();
  }
}

export class OutgoingResponse extends OutgoingMessage implements Types.OutgoingResponse {
  #status = 200;
  constructor(headers: Fields) {
    super(headers, 'HTTP-response-body-size');
  }
  statusCode(): number {
    return this.#status;
  }
  setStatusCode(status: number): void {
    if (status < 100 || status > 599) throw undefined;
    this.#status = status;
  }
  /** Host side: the response, or undefined if the guest has not finished its body. */
  toHttpResponse(): HttpResponse | undefined {
    const body = this.finishedBody();
    return body && { status: this.#status, headers: this.fields.toPairs(), body };
  }
}

export class OutgoingRequest extends OutgoingMessage implements Types.OutgoingRequest {
  #method: Types.Method = { tag: 'get' };
  #pathWithQuery: string | undefined;
  #scheme: Types.Scheme | undefined;
  #authority: string | undefined;

  constructor(headers: Fields) {
    super(headers, 'HTTP-request-body-size');
  }
  method(): Types.Method {
    return this.#method;
  }
  setMethod(method: Types.Method): void {
    if (method.tag === 'other' && !TOKEN.test(method.val)) throw undefined;
    this.#method = method;
  }
  pathWithQuery(): string | undefined {
    return this.#pathWithQuery;
  }
  setPathWithQuery(pathWithQuery: string | undefined): void {
    if (pathWithQuery !== undefined && !/^[\x21-\x7e]*$/.test(pathWithQuery)) throw undefined;
    this.#pathWithQuery = pathWithQuery;
  }
  scheme(): Types.Scheme | undefined {
    return this.#scheme;
  }
  setScheme(scheme: Types.Scheme | undefined): void {
    if (scheme?.tag === 'other' && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme.val)) throw undefined;
    this.#scheme = scheme;
  }
  authority(): string | undefined {
    return this.#authority;
  }
  setAuthority(authority: string | undefined): void {
    if (authority !== undefined && !/^[\x21-\x7e]*$/.test(authority)) throw undefined;
    this.#authority = authority;
  }
  /** Host side: the request, or undefined if the guest has not finished its body. */
  toHttpRequest(): HttpRequest | undefined {
    const body = this.finishedBody();
    if (!body) return undefined;
    const scheme = this.#scheme?.tag === 'HTTPS' ? 'https' : 'http';
    return {
      method: methodName(this.#method),
      scheme,
      authority: this.#authority ?? '',
      pathWithQuery: this.#pathWithQuery ?? '/',
      headers: this.fields.toPairs(),
      body,
    };
  }
}

/** Timeouts are accepted and kept; outbound calls here are synchronous and finish on their own. */
export class RequestOptions implements Types.RequestOptions {
  #connect: bigint | undefined;
  #firstByte: bigint | undefined;
  #betweenBytes: bigint | undefined;
  connectTimeout(): bigint | undefined {
    return this.#connect;
  }
  setConnectTimeout(duration: bigint | undefined): void {
    this.#connect = duration;
  }
  firstByteTimeout(): bigint | undefined {
    return this.#firstByte;
  }
  setFirstByteTimeout(duration: bigint | undefined): void {
    this.#firstByte = duration;
  }
  betweenBytesTimeout(): bigint | undefined {
    return this.#betweenBytes;
  }
  setBetweenBytesTimeout(duration: bigint | undefined): void {
    this.#betweenBytes = duration;
  }
}

export type ResponseResult = Types.Result<OutgoingResponse, ErrorCode>;

/** The guest's answer goes to `deliver`, once. */
export class ResponseOutparam implements Types.ResponseOutparam {
  #delivered = false;
  constructor(private readonly deliver: (response: ResponseResult) => void) {}
  static set(param: ResponseOutparam, response: ResponseResult): void {
    if (param.#delivered) throw new Error('wasi:http: response-outparam.set called twice');
    param.#delivered = true;
    param.deliver(response);
  }
}

/** An outgoing request, sent once the guest has finished its body and asks for the answer. */
export class FutureIncomingResponse implements Types.FutureIncomingResponse {
  #result: OutboundResult | undefined;
  #taken = false;
  constructor(
    private readonly request: OutgoingRequest,
    private readonly outbound: Outbound,
  ) {}
  #settle(): boolean {
    if (this.#result) return true;
    const request = this.request.toHttpRequest();
    if (!request) return false;
    this.#result = this.outbound(request);
    return true;
  }
  subscribe(): Pollable {
    return new Pollable(() => this.#settle());
  }
  get(): Types.Result<Types.Result<IncomingResponse, ErrorCode>, void> | undefined {
    if (this.#taken) return { tag: 'err', val: undefined };
    if (!this.#settle() || !this.#result) return undefined;
    this.#taken = true;
    const result = this.#result;
    return {
      tag: 'ok',
      val: result.ok ? { tag: 'ok', val: new IncomingResponse(result.response) } : { tag: 'err', val: result.error },
    };
  }
}

export const httpTypes = {
  Fields,
  FutureIncomingResponse,
  FutureTrailers,
  IncomingBody,
  IncomingRequest,
  IncomingResponse,
  OutgoingBody,
  OutgoingRequest,
  OutgoingResponse,
  RequestOptions,
  ResponseOutparam,
  /** Stream errors here carry no HTTP error code. */
  httpErrorCode: (_error: IoError): ErrorCode | undefined => undefined,
};

export function outgoingHandler(outbound: Outbound): typeof Outgoing {
  return {
    handle(request) {
      // The bindings only pass back resources this module created.
      if (!(request instanceof OutgoingRequest)) throw new TypeError('wasi:http: not an outgoing-request of this host');
      if (!request.authority()) throw { tag: 'HTTP-request-URI-invalid' } satisfies ErrorCode;
      return new FutureIncomingResponse(request, outbound);
    },
  };
}
