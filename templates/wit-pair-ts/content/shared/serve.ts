// StarlingMonkey's face: its service-worker style `fetch` event, answered
// through a Handle. The body is read here, whole, up to MAX_BODY.
import { type Handle, headerMap, type HttpRequest, MAX_BODY, parseTarget, TOO_LARGE } from './http.js';

export function serve(handle: Handle): void {
  addEventListener('fetch', (event) => event.respondWith(respond(event.request, handle)));
}

/** The body, or TOO_LARGE as soon as it is known to be longer than MAX_BODY: from its content-length, or once that much has come. */
async function readBody(request: Request): Promise<HttpRequest['body']> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return TOO_LARGE;
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    length += read.value.length;
    if (length > MAX_BODY) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(read.value);
  }
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
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
  // A 204 has no body, as Fetch's Response insists.
  return new Response(reply.status === 204 ? null : reply.body, { status: reply.status, headers: reply.headers });
}
