// WASI 0.3's HTTP (wasi:http@0.3.0) for a guest. Its resources are
// preview3-shim's, the maintained host for Node, whose bodies and futures
// the bindings jco generates for WASI 0.3 exchange with the guest; this
// module translates between them and the runtime's one request and response
// model (http.ts), dropping nothing either way.
import { _fieldsFromEntriesChecked, type BodyReader, Fields, HttpError, Request, RequestOptions, Response } from '#preview3-shim/http';
import { StreamReader } from '#preview3-shim/stream';
import { type HttpRequest, type HttpResponse, type IncomingHttpRequest, methodName, methodVariant, type OutboundResult } from './http.js';

/** wasi:http/types@0.3.0, as the bindings ask for it. */
export const httpTypes03 = { Fields, Request, RequestOptions, Response };

/** The next bytes of a request body, at most `max`; undefined at its end. The guest waits, its thread does not. */
export type AsyncBody = (max: number) => Promise<Uint8Array | undefined>;

/** A request handed to a WASI 0.3 guest: a routed request's body may still be arriving. */
export interface AsyncHttpRequest extends Omit<IncomingHttpRequest, 'body'> {
  body: Uint8Array | AsyncBody;
}

/** How much of a body the host hands the guest's stream at a time. */
const CHUNK = 64 * 1024;

const latin1 = (value: Uint8Array): string => Buffer.from(value.buffer, value.byteOffset, value.length).toString('latin1');

async function* chunksOf(body: Uint8Array | AsyncBody): AsyncGenerator<Uint8Array> {
  if (body instanceof Uint8Array) {
    if (body.length > 0) yield body;
    return;
  }
  for (let chunk = await body(CHUNK); chunk !== undefined; chunk = await body(CHUNK)) yield chunk;
}

/** `request` as the guest's wasi:http/types@0.3.0 request: every header as sent, Host included, as Spin hands them. */
export function guestRequest(request: AsyncHttpRequest): Request {
  // Checked entries: a request from outside carries headers (Host) a guest may not set itself.
  const headers = _fieldsFromEntriesChecked(request.headers.map(([name, value]) => [name, Buffer.from(value, 'latin1')]));
  const trailers = Promise.resolve({ tag: 'ok', val: undefined });
  const [guest] = Request.new(headers, new StreamReader(chunksOf(request.body)), trailers, null);
  guest.setMethod(methodVariant(request.method));
  guest.setScheme({ tag: request.scheme === 'https' ? 'HTTPS' : 'HTTP' });
  guest.setAuthority(request.authority);
  guest.setPathWithQuery(request.pathWithQuery);
  return guest;
}

const DONE = Promise.resolve({ tag: 'ok', val: undefined });

async function readAll(body: BodyReader | null): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let chunk = await body?.read({ count: CHUNK }); chunk; chunk = await body?.read({ count: CHUNK })) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const hostHeaders = (fields: Fields): [string, string][] => fields.copyAll().map(([name, value]) => [name, latin1(value)]);

/** The guest's response, its body read to the end, as the host holds a response. */
export async function hostResponse(response: Response): Promise<HttpResponse> {
  const headers = hostHeaders(response.getHeaders());
  const [body] = Response.consumeBody(response, DONE);
  return { status: response.getStatusCode(), headers, body: await readAll(body) };
}

/** The request a guest sends, its body read to the end, as the host holds one; undefined without an authority. */
async function hostRequest(request: Request): Promise<HttpRequest | undefined> {
  const authority = request.getAuthority();
  if (!authority) return undefined;
  const [body] = Request.consumeBody(request, DONE);
  const sent: HttpRequest = {
    method: methodName(request.getMethod()),
    scheme: request.getScheme()?.tag === 'HTTPS' ? 'https' : 'http',
    authority,
    pathWithQuery: request.getPathWithQuery() ?? '/',
    headers: hostHeaders(request.getHeaders()),
    body: await readAll(body),
  };
  // The guest may wait on its request having gone out: it has, whole.
  request._resolve({ tag: 'ok', val: undefined });
  return sent;
}

/** An answer the host holds, as the guest's wasi:http/types@0.3.0 response. */
function guestResponse(response: HttpResponse): Response {
  const headers = _fieldsFromEntriesChecked(response.headers.map(([name, value]) => [name, Buffer.from(value, 'latin1')]));
  const [guest] = Response.new(headers, new StreamReader(chunksOf(response.body)), DONE);
  guest.setStatusCode(response.status);
  return guest;
}

/** Sends a WASI 0.3 guest's request: the guest awaits the answer, its thread does not wait. */
export type AsyncOutbound = (request: HttpRequest) => Promise<OutboundResult>;

/** wasi:http/client@0.3.0 for one instance: what it sends goes to `send`; a failure is the error-code it names. */
export function httpClient03(send: AsyncOutbound) {
  return {
    async send(request: Request): Promise<Response> {
      const sent = await hostRequest(request);
      if (!sent) throw new HttpError('HTTP-request-URI-invalid');
      const result = await send(sent);
      if (!result.ok) throw new HttpError(result.error.tag, undefined, 'val' in result.error ? result.error.val : undefined);
      return guestResponse(result.response);
    },
  };
}
