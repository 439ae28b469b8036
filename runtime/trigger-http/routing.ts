// What the HTTP trigger does with a request from outside, before any
// component runs: Spin's reserved routes, the app's routes, the authority
// rules, and the request a component is handed, with Spin's headers. The
// server applies it to requests on its socket, and a worker to requests a
// component sends to the app's own address (executor/self-requests.ts).
import { type Router, WELL_KNOWN_PREFIX } from '../routes/router.js';
import type { HttpRequest, HttpResponse } from '../wasi/http.js';
import { headOverLimits } from './head-limits.js';
import { forwardedHeaders, hostHeaders, spinHeaders } from './headers.js';
import { parseRequestTarget, pathOf, requestAuthority } from './request-target.js';

/** Spin's answer to a path no public route matches: empty. */
export const NOT_FOUND: HttpResponse = { status: 404, headers: [], body: new Uint8Array() };

/** A request no component may see, and why: RFC 9112 section 3.2's 400 (Spin 4.1 closes the connection instead). */
export const badRequest = (reason: string): HttpResponse => ({
  status: 400,
  headers: [['content-type', 'text/plain; charset=utf-8']],
  body: Buffer.from(`Bad Request: ${reason}`),
});

export interface Arrival {
  method: string;
  /** The request target as sent: origin-form, absolute-form or `*`. */
  target: string;
  /** The headers as sent, in order. */
  headers: [string, string][];
  /** `ip:port` of the client. */
  clientAddr: string;
}

export type Routing =
  | { kind: 'well-known'; path: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; reason: string }
  /** Over Spin's limits on a head (head-limits.ts): its answer. */
  | { kind: 'refused'; response: HttpResponse }
  | { kind: 'component'; component: string; request: HttpRequest };

/** Where `arrival` goes; a component's request has an empty body, which the caller fills. */
export function route(router: Router, arrival: Arrival): Routing {
  const overLimits = headOverLimits(arrival.target, arrival.headers.length);
  if (overLimits) return { kind: 'refused', response: overLimits };
  const target = parseRequestTarget(arrival.target);
  const path = pathOf(target.pathWithQuery);
  if (path.startsWith(WELL_KNOWN_PREFIX)) return { kind: 'well-known', path };
  const match = router.match(path);
  if (!match) return { kind: 'not-found' };
  const authority = requestAuthority(hostHeaders(arrival.headers), target);
  if (!authority.ok) return { kind: 'bad-request', reason: authority.reason };
  const { pathWithQuery } = target;
  const origin = { scheme: 'http', host: authority.authority, pathWithQuery, clientAddr: arrival.clientAddr };
  return {
    kind: 'component',
    component: match.component,
    request: {
      method: arrival.method,
      scheme: 'http',
      authority: authority.authority,
      pathWithQuery,
      headers: [...forwardedHeaders(arrival.headers), ...spinHeaders(match, origin)],
      body: new Uint8Array(),
    },
  };
}
