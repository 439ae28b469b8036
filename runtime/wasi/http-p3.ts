// WASI 0.3's HTTP (wasi:http@0.3.0) for a guest. Its resources are
// preview3-shim's, the maintained host for Node, whose bodies and futures
// the bindings jco generates for WASI 0.3 exchange with the guest; this
// module translates between them and the runtime's one request and response
// model (http.ts), dropping nothing either way.
import { _fieldsFromEntriesChecked, Fields, Request, RequestOptions, Response } from '#preview3-shim/http';
import { StreamReader } from '#preview3-shim/stream';
import { type HttpResponse, type IncomingHttpRequest, methodVariant } from './http.js';

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

/** The guest's response, its body read to the end, as the host holds a response. */
export async function hostResponse(response: Response): Promise<HttpResponse> {
  const headers = response.getHeaders().copyAll();
  const [body] = Response.consumeBody(response, Promise.resolve({ tag: 'ok', val: undefined }));
  const chunks: Uint8Array[] = [];
  for (let chunk = await body?.read({ count: CHUNK }); chunk; chunk = await body?.read({ count: CHUNK })) chunks.push(chunk);
  return {
    status: response.getStatusCode(),
    headers: headers.map(([name, value]) => [name, latin1(value)]),
    body: Buffer.concat(chunks),
  };
}
