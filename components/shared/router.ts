// A router small enough to read in one go: paths exact or with `:name`
// segments (`/api/books/:id`), exact ones first; one handler per method; 404
// for an unknown path and 405 (with `allow`) for a known path asked with
// another method. Each component decides how its errors look.
import type { Handle, HttpRequest, Reply } from './http.js';

/** The `:name` segments of the path that matched, by name. */
export type Params = Readonly<Record<string, string>>;

export type Handler = (request: HttpRequest, params: Params) => Reply | Promise<Reply>;

/** Path pattern, then method, to handler: `{ '/api/books/:id': { GET: handler } }`. */
export type Routes = Record<string, Record<string, Handler>>;

/** Turns a status and a one-line reason into the component's error reply. */
export type ErrorResponder = (status: number, message: string, headers?: Record<string, string>) => Reply;

/** The params of `path` if `pattern` matches it. */
function match(pattern: string, path: string): Params | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    if (segment.startsWith(':') && got[i] !== '') params[segment.slice(1)] = got[i];
    else if (segment !== got[i]) return undefined;
  }
  return params;
}

export function router(routes: Routes, error: ErrorResponder): Handle {
  // Own keys only: a method or path named like an Object.prototype member (toString) is no route.
  const patterns = Object.keys(routes).sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
  return (request) => {
    let found: { methods: Record<string, Handler>; params: Params } | undefined;
    for (const pattern of patterns) {
      const params = match(pattern, request.path);
      if (params) {
        found = { methods: routes[pattern], params };
        break;
      }
    }
    if (!found) return error(404, `no route for ${request.path}`);
    const { methods, params } = found;
    const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
    if (!handler) {
      const allowed = Object.keys(methods).join(', ');
      return error(405, `${request.method} is not allowed on ${request.path}; use ${allowed}`, { allow: allowed });
    }
    const failed = (cause: unknown): Reply => error(500, `internal error: ${String(cause)}`);
    try {
      const reply = handler(request, params);
      return reply instanceof Promise ? reply.catch(failed) : reply;
    } catch (cause) {
      return failed(cause);
    }
  };
}
