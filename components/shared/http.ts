// HTTP as the handlers see it, whatever the engine: a request's method, path
// and query parameters in, a status, headers and text out. Each face turns
// its engine's request into one and the reply into its engine's response:
// serve.ts for StarlingMonkey's fetch event, plain-http.ts for an engine
// that serves HTTP as plain data through the http-face adapter (QuickJS).

/** Query parameters, as URLSearchParams.get finds them. */
export interface Query {
  get(name: string): string | null;
}

export interface HttpRequest {
  method: string;
  path: string;
  query: Query;
}

/** A reply; its body is sent as UTF-8. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Answers a request, at once or (a frontend waiting on fetch) later. */
export type Handle = (request: HttpRequest) => Reply | Promise<Reply>;
