// The request id that ties {{frontend-name}}'s log line to {{api-name}}'s: the
// client's `x-request-id` when it sends one fit to log, else one made from
// the host's randomness. {{frontend-name}} passes it on to {{api-name}} (a
// header over HTTP, the caller record over WIT); both log it, a line a
// request or call, and answer with it.
import type { Handle, HttpRequest, Reply } from './http.js';

export const REQUEST_ID = 'x-request-id';

/** What the host gives for this: wasi-host.ts in a component, a double in the tests. */
export interface Host {
  randomBytes(count: number): Uint8Array;
  log(line: string): void;
}

const FIT = /^[\x21-\x7e]{1,128}$/;

export function requestIdOf(headers: ReadonlyMap<string, string>, host: Host): string {
  const given = headers.get(REQUEST_ID);
  if (given !== undefined && FIT.test(given)) return given;
  return Array.from(host.randomBytes(8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The line: `<component> <request id> <what> <outcome>`, `what` cut at 200 characters. */
export function logLine(host: Host, component: string, requestId: string, what: string, outcome: string | number): void {
  host.log(`${component} ${requestId} ${what.length > 200 ? `${what.slice(0, 200)}…` : what} ${outcome}`);
}

/** `handle` given the request's id; its reply carries the id and is logged with it as `component`. */
export function withRequestId(
  host: Host,
  component: string,
  handle: (request: HttpRequest, requestId: string) => Reply | Promise<Reply>,
): Handle {
  return (request) => {
    const id = requestIdOf(request.headers, host);
    const done = (reply: Reply): Reply => {
      logLine(host, component, id, `${request.method} ${request.path}`, reply.status);
      return { ...reply, headers: { ...reply.headers, [REQUEST_ID]: id } };
    };
    const reply = handle(request, id);
    return reply instanceof Promise ? reply.then(done) : done(reply);
  };
}
