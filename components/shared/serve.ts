// StarlingMonkey's face: its service-worker style `fetch` event, answered
// through `handle`, as Spin's JS components do. The path and query are what
// its URL parser makes of the request's URL.
import type { Handle } from './http.js';

export function serve(handle: Handle): void {
  addEventListener('fetch', (event) => event.respondWith(respond(event.request, handle)));
}

async function respond(request: Request, handle: Handle): Promise<Response> {
  const url = new URL(request.url);
  const reply = await handle({ method: request.method, path: url.pathname, query: url.searchParams });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}
