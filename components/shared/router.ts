// A router small enough to read in one go: exact paths, one handler per
// method, 404 for an unknown path and 405 (with `allow`) for a known path
// asked with another method. Each component decides how its errors look.
import type { Handle, HttpRequest, Reply } from './http.js';

export type Handler = (request: HttpRequest) => Reply | Promise<Reply>;

/** Path, then method, to handler: `{ '/api': { GET: handler } }`. */
export type Routes = Record<string, Record<string, Handler>>;

/** Turns a status and a one-line reason into the component's error reply. */
export type ErrorResponder = (status: number, message: string, headers?: Record<string, string>) => Reply;

export function router(routes: Routes, error: ErrorResponder): Handle {
  return (request) => {
    // Own keys only: a method or path named like an Object.prototype member (toString) is no route.
    const methods = Object.hasOwn(routes, request.path) ? routes[request.path] : undefined;
    if (!methods) return error(404, `no route for ${request.path}`);
    const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
    if (!handler) {
      const allowed = Object.keys(methods).join(', ');
      return error(405, `${request.method} is not allowed on ${request.path}; use ${allowed}`, { allow: allowed });
    }
    const failed = (cause: unknown): Reply => error(500, `internal error: ${String(cause)}`);
    try {
      const reply = handler(request);
      return reply instanceof Promise ? reply.catch(failed) : reply;
    } catch (cause) {
      return failed(cause);
    }
  };
}
