// A router small enough to read in one go: exact paths, one handler per
// method, 404 for an unknown path and 405 (with `allow`) for a known path
// asked with another method. Each component decides how its errors look.

export type Handler = (request: Request, url: URL) => Response | Promise<Response>;

/** Path, then method, to handler: `{ '/api': { GET: handler } }`. */
export type Routes = Record<string, Record<string, Handler>>;

/** Turns a status and a one-line reason into the component's error response. */
export type ErrorResponder = (status: number, message: string, headers?: Record<string, string>) => Response;

export function router(routes: Routes, error: ErrorResponder): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    // Own keys only: a method or path named like an Object.prototype member (toString) is no route.
    const methods = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!methods) return error(404, `no route for ${url.pathname}`);
    const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
    if (!handler) {
      const allowed = Object.keys(methods).join(', ');
      return error(405, `${request.method} is not allowed on ${url.pathname}; use ${allowed}`, { allow: allowed });
    }
    try {
      return await handler(request, url);
    } catch (cause) {
      return error(500, `internal error: ${String(cause)}`);
    }
  };
}
