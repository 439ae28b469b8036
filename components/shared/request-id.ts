// The request id that ties a frontend's log line to book-api's: the
// client's `x-request-id` when it sends one fit to log, one made here when it
// sends none. The frontend passes it on to book-api (a header over HTTP, the
// caller record over WIT), and both log it, a line a request or call.
import { andThen } from './eventually.js';
import type { Handle } from './http.js';
import type { ErrorResponder } from './router.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What the host gives for this: wasi-host.ts in a component, a double in the tests. */
export interface Host {
  randomBytes(count: number): Uint8Array;
  log(line: string): void;
}

const FIT = /^[\x21-\x7e]{1,128}$/;

export type RequestIdRead = { ok: true; id: string } | { ok: false; message: string };

export function requestIdOf(headers: ReadonlyMap<string, string>, host: Host): RequestIdRead {
  const given = headers.get(REQUEST_ID_HEADER);
  if (given === undefined) return { ok: true, id: Array.from(host.randomBytes(8), (byte) => byte.toString(16).padStart(2, '0')).join('') };
  return FIT.test(given)
    ? { ok: true, id: given }
    : { ok: false, message: `${REQUEST_ID_HEADER} must be 1 to 128 visible ASCII characters, got ${JSON.stringify(given.slice(0, 140))}` };
}

/** The line: `<component> <request id> <what> <outcome>`, `what` cut at 200 characters. */
export function logLine(host: Host, component: string, requestId: string, what: string, outcome: string | number): void {
  host.log(`${component} ${requestId} ${what.length > 200 ? `${what.slice(0, 200)}…` : what} ${outcome}`);
}

/**
 * `serve` for the request's id, its answer carrying the id and logged with it
 * as `component`; a request whose id is unfit is refused with `error`.
 */
export function withRequestId(host: Host, component: string, error: ErrorResponder, serve: (requestId: string) => Handle): Handle {
  return (request) => {
    const read = requestIdOf(request.headers, host);
    const id = read.ok ? read.id : '-';
    const answer = read.ok ? serve(id)(request) : error(400, read.message);
    return andThen(answer, (reply) => {
      logLine(host, component, id, `${request.method} ${request.path}`, reply.status);
      return read.ok ? { ...reply, headers: { ...reply.headers, [REQUEST_ID_HEADER]: id } } : reply;
    });
  };
}
