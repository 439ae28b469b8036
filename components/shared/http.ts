// HTTP as the handlers see it, whatever the engine: a request's method,
// path, query, headers and body in, a status, headers and text out. Each face
// turns its engine's request into one and the reply into its engine's
// response: serve.ts for StarlingMonkey's fetch event, plain-http.ts for an
// engine that serves HTTP as plain data through the http-face adapter
// (QuickJS). Both read the body whole before the handler runs, up to
// MAX_BODY, so that a handler never waits for it.

/** Query parameters, as URLSearchParams.get finds them. */
export interface Query {
  get(name: string): string | null;
}

/** The most body a face reads; past it the request says `too-large` and the rest is left unread. */
export const MAX_BODY = 16 * 1024;

/** A body longer than MAX_BODY. */
export const TOO_LARGE = 'too-large';

export interface HttpRequest {
  method: string;
  path: string;
  query: Query;
  /** Names lower-case; a name sent more than once has its values joined with ", ", as Fetch joins them. Values are latin1, as on the wire. */
  headers: ReadonlyMap<string, string>;
  body: Uint8Array | typeof TOO_LARGE;
}

/** A reply; its body is sent as UTF-8. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Why a request is refused: one status and one sentence (refusal.ts has the catalogue's), as each face says it. */
export interface Refusal {
  status: number;
  message: string;
  /** The query parameter at fault, if one is. */
  parameter?: string;
  /** The body's field at fault, if one is. */
  field?: string;
  headers?: Record<string, string>;
}

/** Statuses whose response carries no body, as Fetch's Response has them. */
export const NULL_BODY: readonly number[] = [101, 103, 204, 205, 304];

/** Answers a request, at once or (a frontend waiting on fetch) later. */
export type Handle = (request: HttpRequest) => Reply | Promise<Reply>;

/**
 * A body read from its chunks, or TOO_LARGE once more than MAX_BODY has
 * come: the rest is left unread, and leaving the loop releases the source.
 */
export async function bodyOf(chunks: AsyncIterable<Uint8Array>): Promise<HttpRequest['body']> {
  const held: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    length += chunk.length;
    if (length > MAX_BODY) return TOO_LARGE;
    held.push(chunk);
  }
  return joined(held);
}

/** Chunks as one array. */
export function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

/** Header pairs as a face gets them, collected as HttpRequest carries them. */
export function headerMap(pairs: Iterable<readonly [string, string]>): Map<string, string> {
  const headers = new Map<string, string>();
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    const had = headers.get(key);
    headers.set(key, had === undefined ? value : `${had}, ${value}`);
  }
  return headers;
}
