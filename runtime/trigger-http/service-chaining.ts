// Service chaining, as Spin's HTTP trigger intercepts it: a request to
// http://<id>.spin.internal/... that the caller may make (outbound-http.ts
// checked allowed_outbound_hosts first) is served in process by component
// <id>, without a socket and without routing, private routes included.
// R is what serving gives: the answer, or for a WASI 0.3 caller its promise.
import type { HttpRequest, OutboundResult } from '../wasi/http.js';
import { chainedRequest } from './headers.js';

export interface ChainingTargets<R> {
  has(id: string): boolean;
  /** Serves `request` with `id`; a trap answers 500, and a request nested too deep fails. */
  serve(id: string, request: HttpRequest): R;
}

export type ChainingInterceptor<R> = (caller: string, target: string, request: HttpRequest) => R | OutboundResult;

export function chainingInterceptor<R>(targets: ChainingTargets<R>, log: (line: string) => void): ChainingInterceptor<R> {
  return (caller, target, request) => {
    if (!targets.has(target)) {
      log(
        `${caller}: ${request.method} ${request.scheme}://${request.authority}${request.pathWithQuery}: this app has no component ${target} to chain to`,
      );
      return { ok: false, error: { tag: 'destination-not-found' } };
    }
    return targets.serve(target, chainedRequest(target, request));
  };
}
