// StarlingMonkey's face: its service-worker style `fetch` event, answered
// through `handle`, as Spin's JS components do. The path and query are what
// its URL parser makes of the request's URL; the body is read here, whole,
// up to MAX_BODY.
import { bodyOf, type Handle, headerMap, type HttpRequest, MAX_BODY, NULL_BODY, TOO_LARGE } from './http.js';

export function serve(handle: Handle): void {
  addEventListener('fetch', (event) => event.respondWith(respond(event.request, handle)));
}

/** A stream's chunks; the stream is cancelled if the reader stops early. */
async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  let ended = false;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) yield read.value;
    ended = true;
  } finally {
    if (!ended) await reader.cancel();
  }
}

/** The body, or TOO_LARGE as soon as it is known to be longer than MAX_BODY: from its content-length, or once that much has come. */
async function readBody(request: Request): Promise<HttpRequest['body']> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return TOO_LARGE;
  if (request.body === null) return new Uint8Array();
  return bodyOf(chunksOf(request.body.getReader()));
}

async function respond(request: Request, handle: Handle): Promise<Response> {
  const url = new URL(request.url);
  const reply = await handle({
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    headers: headerMap(request.headers),
    body: await readBody(request),
  });
  // A status that has no body (204, 304) takes none, as Fetch's Response insists.
  const body = NULL_BODY.includes(reply.status) ? null : reply.body;
  return new Response(body, { status: reply.status, headers: reply.headers });
}
