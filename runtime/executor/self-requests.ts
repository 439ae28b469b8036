// Requests a component sends to the app's own address, as the network
// wiring's frontend calls book-api at http://127.0.0.1:3000/api. Spin sends
// them over loopback and back in through its own router; the runtime serves
// them right in the worker, through the same routing and header rules
// (trigger-http/routing.ts), so that the caller never holds a thread while
// it waits on its own server. The answer is the one the socket would bring,
// but for the headers that describe a connection; and since it nests in the
// caller's request, as a chained one does, it counts towards the same depth.
// `selfRoute` decides; the caller serves, waiting or awaiting, and hands the
// answer to `asFromSocket`.
import { Router, type Trigger } from '../routes/router.js';
import { badRequest, NOT_FOUND, route } from '../trigger-http/routing.js';
import type { HttpRequest, OutboundResult } from '../wasi/http.js';

export interface SelfAddress {
  /** The app's routes. */
  routes: readonly Trigger[];
  /** The authorities the app is served on, such as `127.0.0.1:3000`. */
  authorities: readonly string[];
}

/** Where a request to the app's own address goes: a component, or the answer routing gives itself. */
export type SelfRoute = { component: string; request: HttpRequest } | { answer: OutboundResult };

/** Routes a request to the app's own address in process; undefined for any other request, and for Spin's reserved routes. */
export function selfRoute(self: SelfAddress) {
  const router = new Router(self.routes);
  return (request: HttpRequest): SelfRoute | undefined => {
    if (request.scheme !== 'http' || !self.authorities.includes(request.authority.toLowerCase())) return undefined;
    const routing = route(router, {
      method: request.method,
      target: request.pathWithQuery,
      headers: [['host', request.authority], ...request.headers.filter(([name]) => name.toLowerCase() !== 'host')],
      clientAddr: '127.0.0.1:0',
    });
    switch (routing.kind) {
      case 'well-known':
        return undefined;
      case 'not-found':
        return { answer: { ok: true, response: NOT_FOUND } };
      case 'bad-request':
        return { answer: { ok: true, response: badRequest(routing.reason) } };
      case 'refused':
        return { answer: { ok: true, response: routing.response } };
      case 'component':
        return { component: routing.component, request: { ...routing.request, body: request.body } };
    }
  };
}

/** A component's answer as the socket would bring it: with its length. */
export function asFromSocket(served: OutboundResult): OutboundResult {
  if (!served.ok) return served;
  const { response } = served;
  return { ok: true, response: { ...response, headers: [...response.headers, ['content-length', String(response.body.length)]] } };
}

/** Every authority under which a request reaches a server listening on `host:port`. */
export function selfAuthorities(host: string, port: number): string[] {
  const local = host === '127.0.0.1' || host === 'localhost' ? ['127.0.0.1', 'localhost'] : [host];
  return local.map((name) => `${name}:${port}`.toLowerCase());
}
