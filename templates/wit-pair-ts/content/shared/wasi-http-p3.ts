// The face of a WASI 0.3 guest on QuickJS: wasi:http@0.3.0's handler itself,
// async, the request's body read from its stream up to MAX_BODY and the
// reply's written to one. No adapter: WASI 0.3's http has no wasi:io
// resources, so componentize-qjs pre-initialises it.
import type * as Handler from 'wasi:http/handler@0.3.0';
import { Fields, type Method, Request, Response, type Trailers } from 'wasi:http/types@0.3.0';
import { bodyOf, type Handle, headerMap, type HttpRequest, MAX_BODY, NULL_BODY, TOO_LARGE } from './http.js';
import { asDeclaredFuture, asDeclaredStream, dropFuture, OK, type Outcome, settle, streamOf } from './quickjs-handles.js';
import { parseTarget } from './target.js';
import { latin1, utf8 } from './utf8.js';
import { option } from './wit-values.js';

/** The method as HTTP spells it. */
const methodName = (method: Method): string => (method.tag === 'other' ? method.val : method.tag.toUpperCase());

/** The body, or TOO_LARGE as soon as it is known to be longer than MAX_BODY: from its content-length, or once that much has come. */
async function readBody(request: Request, declaredLength: string | undefined): Promise<HttpRequest['body']> {
  const done = wit.Future<Outcome<undefined>>(wit.Future.RESULT_VOID_ERROR_CODE);
  const [stream, trailers] = Request.consumeBody(request, asDeclaredFuture(done.readable));
  const body = streamOf(stream);
  dropFuture(trailers);
  try {
    if (Number(declaredLength ?? 0) > MAX_BODY) {
      body.drop();
      return TOO_LARGE;
    }
    return await bodyOf(body);
  } finally {
    void settle(done.writable, OK);
  }
}

/**
 * A response whose body is `text`, written as the host reads it, with its
 * content-length: a chunked body's last chunk would go out on its own, and
 * Spin, which leaves Nagle's algorithm on, holds it until the client's
 * delayed ACK comes, 40 ms later.
 */
function responseOf(status: number, headers: Record<string, string>, text: string): Response {
  const bytes = NULL_BODY.includes(status) ? undefined : utf8(text);
  const length: [string, string][] = bytes ? [['content-length', String(bytes.length)]] : [];
  const fields = Fields.fromList([...Object.entries(headers), ...length].map(([name, value]) => [name, utf8(value)]));
  const trailers = wit.Future<Outcome<Trailers | undefined>>(wit.Future.RESULT_OPTION_OTHER_ERROR_CODE);
  const body = bytes && wit.Stream(wit.Stream.U8);
  const [response, sent] = Response.new(fields, body && asDeclaredStream(body.readable), asDeclaredFuture(trailers.readable));
  dropFuture(sent);
  response.setStatusCode(status);
  void (async () => {
    if (body && bytes) {
      await body.writable.writeAll(bytes);
      body.writable.drop();
    }
    await settle(trailers.writable, OK);
  })();
  return response;
}

/** The `wasi:http/handler@0.3.0` export that answers with `handle`. */
export function handlerFor(handle: Handle): typeof Handler {
  return {
    async handle(request) {
      const headers = headerMap(
        request
          .getHeaders()
          .copyAll()
          .map(([name, value]) => [name, latin1(value)] as const),
      );
      const target = option(request.getPathWithQuery()) ?? '/';
      const method = methodName(request.getMethod());
      const reply = await handle({ method, ...parseTarget(target), headers, body: await readBody(request, headers.get('content-length')) });
      return responseOf(reply.status, reply.headers, reply.body);
    },
  };
}
