// A guest's outgoing HTTP request, as Spin's outbound HTTP handles it:
// checked against the caller's allowed_outbound_hosts first; then a request
// to <id>.spin.internal goes to the service-chaining interceptor, and any
// other to the network. A denial fails the guest's request and is logged.
// The same rules serve a WASI 0.2 guest, which waits for the answer (R is
// the result), and a WASI 0.3 one, which awaits it (R is its promise).
import type { AppComponent } from '../manifest/app.js';
import type { ChainingInterceptor } from '../trigger-http/service-chaining.js';
import type { HttpRequest, OutboundResult } from '../wasi/http.js';
import { allowsChaining, allowsUrl, CHAINING_SUFFIX, chainingTarget } from './allowed-hosts.js';

export interface OutboundRoutes<R> {
  chain: ChainingInterceptor<R>;
  /** Requests that leave the process. */
  network: (request: HttpRequest) => R;
  log: (line: string) => void;
}

const DENIED: OutboundResult = { ok: false, error: { tag: 'HTTP-request-denied' } };

export function outboundFrom<R>(caller: AppComponent, routes: OutboundRoutes<R>): (request: HttpRequest) => R | OutboundResult {
  return (request) => {
    const url = `${request.scheme}://${request.authority}${request.pathWithQuery}`;
    const target = chainingTarget(request.authority);
    if (target !== undefined) {
      if (allowsChaining(caller.allowedHosts, target)) return routes.chain(caller.id, target, request);
      routes.log(
        `${caller.id}: denied ${request.method} ${url}: allowed_outbound_hosts does not name ${target}${CHAINING_SUFFIX} or *${CHAINING_SUFFIX}`,
      );
      return DENIED;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, error: { tag: 'HTTP-request-URI-invalid' } };
    }
    if (!allowsUrl(caller.allowedHosts, parsed)) {
      routes.log(`${caller.id}: denied ${request.method} ${url}: not in allowed_outbound_hosts`);
      return DENIED;
    }
    return routes.network(request);
  };
}
