// StarlingMonkey's face: its service-worker style `fetch` event, answered
// through a Handle. The body is read here, whole, up to MAX_BODY.
import { bodyOf, type Handle, headerMap, type HttpRequest, MAX_BODY, NULL_BODY, TOO_LARGE } from './http.js';
import { parseTarget } from './target.js';

export function serve(handle: Handle): void {
  addEventListener('fetch', (event) => event.respondWith(respond(event.request, handle)));
}

/** The body, or TOO_LARGE as soon as it is known to be longer than MAX_BODY: from its content-length, or once that much has come. */
async function readBody(request: Request): Promise<HttpRequest['body']> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return TOO_LARGE;
  return request.body === null ? new Uint8Array() : bodyOf(chunksOf(request.body));
}

/** A stream's chunks; left before its end, the stream is cancelled. */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let read = await reader.read();
  try {
    for (; !read.done; read = await reader.read()) yield read.value;
  } finally {
    if (!read.done) await reader.cancel();
  }
}

/** `request` answered by `handle`: what the fetch event does, and what the tests call on Node. */
export async function respond(request: Request, handle: Handle): Promise<Response> {
  const url = new URL(request.url);
  const reply = await handle({
    method: request.method,
    ...parseTarget(url.pathname + url.search),
    headers: headerMap(request.headers),
    body: await readBody(request),
  });
  // Fetch's Response insists on no body for these.
  return new Response(NULL_BODY.includes(reply.status) ? null : reply.body, { status: reply.status, headers: reply.headers });
}
