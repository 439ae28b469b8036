// Where a request from outside is going, as Spin works it out: the path from
// the request target (origin-form `/a?b`, or absolute-form
// `http://host/a?b`), and the authority from the Host header or the
// absolute-form target, which must agree. A Host that names a spin.internal
// component is dropped first, so that no one outside can pretend to be a
// chained caller. Spin works out the authority only for a request it routes
// to a component, and so does the runtime.
import { chainingTarget } from '../outbound/allowed-hosts.js';

export interface RequestTarget {
  /** The path and query a component sees; `*` and other forms route nowhere. */
  pathWithQuery: string;
  /** The authority of an absolute-form target. */
  authority?: string;
}

export function parseRequestTarget(target: string): RequestTarget {
  const absolute = target.match(/^https?:\/\/([^/?#]*)([^#]*)/i);
  if (!absolute) return { pathWithQuery: target };
  const rest = absolute[2];
  return { authority: absolute[1], pathWithQuery: rest.startsWith('/') ? rest : `/${rest}` };
}

export const pathOf = (pathWithQuery: string): string => pathWithQuery.split('?')[0];

// RFC 3986 authority without userinfo: a registered name, IPv4 or a bracketed IPv6, then digits for a port.
const REG_NAME = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*";
const IP_LITERAL = '\\[[0-9A-Fa-f:.]+\\]';
const AUTHORITY = new RegExp(`^(?:${IP_LITERAL}|${REG_NAME})(?::\\d*)?$`);

export type Authority = { ok: true; authority: string } | { ok: false; reason: string };

/** The authority a routed request is for, or why it has none; `hostHeaders` as the client sent them. */
export function requestAuthority(hostHeaders: readonly string[], target: RequestTarget): Authority {
  if (hostHeaders.length > 1) return { ok: false, reason: 'the request has more than one Host header' };
  const header = hostHeaders[0];
  if (header !== undefined && !AUTHORITY.test(header))
    return { ok: false, reason: `the Host header ${JSON.stringify(header)} is not a valid authority` };
  if (target.authority !== undefined && !AUTHORITY.test(target.authority)) {
    return { ok: false, reason: `the request target's authority ${JSON.stringify(target.authority)} is not valid` };
  }
  const host = header !== undefined && chainingTarget(header) === undefined ? header : undefined;
  if (host !== undefined && target.authority !== undefined && host.toLowerCase() !== target.authority.toLowerCase()) {
    return {
      ok: false,
      reason: `the Host header ${JSON.stringify(host)} does not match the request target's authority ${JSON.stringify(target.authority)}`,
    };
  }
  const authority = target.authority ?? host;
  if (authority !== undefined) return { ok: true, authority };
  return {
    ok: false,
    reason:
      header === undefined
        ? 'the request has no Host header'
        : `the Host header ${JSON.stringify(header)} names a spin.internal component: only service chaining reaches those`,
  };
}
