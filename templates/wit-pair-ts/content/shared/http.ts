// HTTP as both components' handlers see it, whatever the engine: a request's
// method, path, query, headers and body in; a status, headers and text out.
// Each face turns its request into one and the reply into its response:
// serve.ts for StarlingMonkey's fetch event, plain-http.ts for QuickJS behind
// the http-face adapter, wasi-http-p3.ts for QuickJS on WASI 0.3. Each reads
// the body whole before the handler runs, up to MAX_BODY, so that a handler
// never waits for it.

/** The most body a face reads; past it the request says TOO_LARGE (a 413) and the rest is left unread. */
export const MAX_BODY = 16 * 1024;

/** A body longer than MAX_BODY. */
export const TOO_LARGE = 'too-large';

/** Query parameters, as URLSearchParams.get finds them (QuickJS has no URLSearchParams). */
export interface Query {
  get(name: string): string | null;
}

export interface HttpRequest {
  method: string;
  /** As sent, percent-escapes and all. */
  path: string;
  query: Query;
  /** Names lower-case; a name sent more than once has its values joined with ", ", as Fetch joins them. */
  headers: ReadonlyMap<string, string>;
  body: Uint8Array | typeof TOO_LARGE;
}

/** A reply; its body is sent as UTF-8. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Why a request is refused: a status and one sentence, and what is at fault. {{api-name}} sends it as JSON, {{frontend-name}} as text. */
export interface Refusal {
  status: number;
  message: string;
  /** The query parameter at fault, if one is. */
  parameter?: string;
  /** The body's field at fault, if one is. */
  field?: string;
  headers?: Record<string, string>;
}

/** The statuses whose response has no body. */
export const NULL_BODY: readonly number[] = [101, 103, 204, 205, 304];

/** Answers a request: at once, or later (the chained frontend waits on fetch). */
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
  const body = new Uint8Array(length);
  let at = 0;
  for (const chunk of held) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
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

function decode(text: string): string {
  const plain = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain; // a stray % or an escape that is not UTF-8: kept as sent
  }
}

/** A query or a form's name-value pairs, in order, decoded. */
export function parsePairs(text: string): [string, string][] {
  return text
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      return equals < 0 ? [decode(part), ''] : [decode(part.slice(0, equals)), decode(part.slice(equals + 1))];
    });
}
