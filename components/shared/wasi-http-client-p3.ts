// The client of a WASI 0.3 guest on QuickJS: wasi:http/client@0.3.0's async
// `send`, the request's body written to a stream as the host reads it, the
// answer's read whole. When no answer comes, wasi:http's error code says why
// (`connection-refused`), as the Python frontend says it, where fetch can
// only say NetworkError.
import { send } from 'wasi:http/client@0.3.0';
import { type ErrorCode, Fields, type Method, Request, Response, type Trailers } from 'wasi:http/types@0.3.0';
import { headerMap, joined, NULL_BODY } from './http.js';
import type { Outgoing, Send, Sent } from './outgoing.js';
import { asDeclaredFuture, asDeclaredStream, dropFuture, OK, type Outcome, settle, streamOf } from './quickjs-handles.js';
import { fromUtf8, latin1, latin1Bytes, utf8 } from './utf8.js';
import { witError } from './wit-values.js';

const METHODS = ['get', 'head', 'post', 'put', 'delete', 'connect', 'options', 'trace', 'patch'] as const;

/** The method as wasi:http has it: a case of its own when HTTP spells it so (GET), else `other`. */
function methodOf(name: string): Method {
  const tag = METHODS.find((method) => method.toUpperCase() === name);
  return tag ? { tag } : { tag: 'other', val: name };
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'object' && value !== null && typeof (value as { tag?: unknown }).tag === 'string';

/** Why no answer came: the error code as WIT names its case, with an internal error's message. */
function reasonOf(cause: unknown): string {
  const error = witError(cause);
  if (!isErrorCode(error)) return String(cause);
  return error.tag === 'internal-error' && error.val ? `${error.tag} (${error.val})` : error.tag;
}

/** Writes `body`, then no trailers, as the host reads them; a request that failed has its failure told by `send`. */
async function transmit(
  body: { writable: wit.StreamWritable<Uint8Array> } | undefined,
  bytes: Uint8Array,
  trailers: wit.FutureWritable<Outcome<Trailers | undefined>>,
): Promise<void> {
  if (body) {
    await body.writable.writeAll(bytes);
    body.writable.drop();
  }
  await settle(trailers, OK);
}

/** The answer's body read whole, as text; none for a status that has none. */
async function textOf(response: Response, status: number): Promise<string> {
  const done = wit.Future<Outcome<undefined>>(wit.Future.RESULT_VOID_ERROR_CODE);
  const [stream, trailers] = Response.consumeBody(response, asDeclaredFuture(done.readable));
  const body = streamOf(stream);
  dropFuture(trailers);
  try {
    if (NULL_BODY.includes(status)) {
      body.drop();
      return '';
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return fromUtf8(joined(chunks));
  } finally {
    void settle(done.writable, OK);
  }
}

async function exchange({ method, url, headers, body }: Outgoing): Promise<Sent> {
  const bytes = body === undefined ? new Uint8Array() : utf8(body);
  // A body goes with its length, as fetch sends a string.
  const sent = body === undefined ? Object.entries(headers) : [...Object.entries(headers), ['content-length', String(bytes.length)]];
  const contents = body === undefined ? undefined : wit.Stream(wit.Stream.U8);
  const trailers = wit.Future<Outcome<Trailers | undefined>>(wit.Future.RESULT_OPTION_OTHER_ERROR_CODE);
  const [request, transmitted] = Request.new(
    Fields.fromList(sent.map(([name, value]) => [name, latin1Bytes(value)])),
    contents && asDeclaredStream(contents.readable),
    asDeclaredFuture(trailers.readable),
    undefined,
  );
  dropFuture(transmitted);
  request.setMethod(methodOf(method));
  request.setScheme({ tag: url.scheme === 'https' ? 'HTTPS' : 'HTTP' });
  request.setAuthority(url.authority);
  request.setPathWithQuery(url.pathWithQuery);
  const answer = send(request);
  void transmit(contents, bytes, trailers.writable).catch(() => undefined);
  const response = await answer;
  const status = response.getStatusCode();
  const fields = headerMap(
    response
      .getHeaders()
      .copyAll()
      .map(([name, value]) => [name, latin1(value)] as const),
  );
  return { answered: true, status, headers: { get: (name) => fields.get(name) ?? null }, text: await textOf(response, status) };
}

export const sendByWasiHttp: Send = async (call) => {
  try {
    return await exchange(call);
  } catch (cause) {
    return { answered: false, reason: reasonOf(cause) };
  }
};
