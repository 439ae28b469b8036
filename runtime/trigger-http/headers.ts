// Every header rule of the HTTP trigger, in one place: what Spin adds to a
// request it hands a component (the spin-* headers), what it takes away
// (Connection, and a Host that names a spin.internal component), how a
// chained request is addressed, and which response headers describe the
// connection rather than the message. (What a guest may set itself is
// wasi:http's rule, in wasi/http.ts.)
import type { IncomingMessage } from 'node:http';
import { CHAINING_SUFFIX, chainingTarget } from '../outbound/allowed-hosts.js';
import { chainedMatch, type RouteMatch } from '../routes/router.js';
import type { HttpRequest } from '../wasi/http.js';

export interface RequestOrigin {
  scheme: string;
  host: string;
  pathWithQuery: string;
  /** `ip:port` of the client. */
  clientAddr: string;
}

/** The `spin-*` headers Spin adds to every request it hands a component. */
export function spinHeaders(match: RouteMatch, origin: RequestOrigin): [string, string][] {
  const componentRoute = match.rawRoute.endsWith('/...') ? match.rawRoute.slice(0, -4) : match.rawRoute;
  return [
    ['spin-path-info', match.pathInfo],
    ['spin-full-url', `${origin.scheme}://${origin.host}${origin.pathWithQuery}`],
    ['spin-matched-route', match.basedRoute],
    ['spin-base-path', '/'],
    ['spin-raw-component-route', match.rawRoute],
    ['spin-component-route', componentRoute],
    ['spin-client-addr', origin.clientAddr],
    ...Object.entries(match.params).map(([name, value]): [string, string] => [`spin-path-match-${name.toLowerCase()}`, value]),
  ];
}

/**
 * A routed request's own headers, less Connection (it describes this
 * connection only) and a Host that names a spin.internal component: no one
 * outside may pass for a chained caller.
 */
export function forwardedHeaders(headers: readonly [string, string][]): [string, string][] {
  return headers.filter(([name, value]) => {
    const lower = name.toLowerCase();
    return lower !== 'connection' && !(lower === 'host' && chainingTarget(value) !== undefined);
  });
}

/** Every Host header the client sent, as sent. */
export const hostHeaders = (headers: readonly [string, string][]): string[] =>
  headers.filter(([name]) => name.toLowerCase() === 'host').map(([, value]) => value);

/** A Node request's headers as sent, in order. */
export function rawHeaderPairs(request: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) pairs.push([request.rawHeaders[i], request.rawHeaders[i + 1]]);
  return pairs;
}

/** As Spin hands a chained request to its target: Host names the target, the whole path is the path info. */
export function chainedRequest(target: string, request: HttpRequest): HttpRequest {
  const host = `${target}${CHAINING_SUFFIX}`;
  const path = request.pathWithQuery.split('?')[0];
  const origin = { scheme: 'http', host, pathWithQuery: request.pathWithQuery, clientAddr: '0.0.0.0:0' };
  return {
    ...request,
    authority: host,
    headers: [
      ...request.headers.filter(([name]) => name.toLowerCase() !== 'host'),
      ['host', host],
      ...spinHeaders(chainedMatch(target, path), origin),
    ],
  };
}

/** Response headers that describe one connection, not the message; Node writes its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length']);

export const messageHeaders = (headers: readonly [string, string][]): [string, string][] =>
  headers.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
