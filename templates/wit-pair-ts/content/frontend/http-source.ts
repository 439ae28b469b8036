// The books over HTTP, as the chained frontend gets them: {{api-name}}'s JSON
// under `api`, with the caller's request id and credentials as headers.
// Its JSON refusals are passed on in its words; anything else that is not
// what was asked for is a failure. The fetch is an argument, so that the
// tests can hand in {{api-name}}'s handler.
import type { Book, Caller, Entry, Page } from '{{wit-package}}/catalog@0.1.0';
import type { Refusal } from '../shared/http.js';
import { REQUEST_ID } from '../shared/request-id.js';
import type { Lookup, Source } from './source.js';

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const asEntry = (value: unknown): Entry | undefined =>
  isObject(value) && typeof value.id === 'number' && typeof value.title === 'string' && typeof value.author === 'string'
    ? { id: value.id, book: { title: value.title, author: value.author } }
    : undefined;

const asPage = (value: unknown): Page | undefined => {
  if (!isObject(value) || !Array.isArray(value.books) || !(value.next === null || typeof value.next === 'number')) return undefined;
  const entries = value.books.map(asEntry);
  return entries.every((entry) => entry !== undefined) ? { entries: entries as Entry[], next: value.next ?? undefined } : undefined;
};

/** {{api-name}}'s refusal: a status the client caused, or 503, with its JSON words and the challenge of a 401. */
function refusalFrom(response: Response, parsed: unknown): Refusal | undefined {
  if ((response.status < 400 || response.status > 499) && response.status !== 503) return undefined;
  if (!isObject(parsed) || typeof parsed.error !== 'string') return undefined;
  const challenge = response.headers.get('www-authenticate');
  return {
    status: response.status,
    message: parsed.error,
    ...(typeof parsed.parameter === 'string' && { parameter: parsed.parameter }),
    ...(typeof parsed.field === 'string' && { field: parsed.field }),
    ...(challenge !== null && { headers: { 'www-authenticate': challenge } }),
  };
}

/** A body as JSON; undefined when empty or not JSON (a runtime's own 500 is text), which is no refusal and no value. */
function jsonOf(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function httpSource(api: string, fetch: Fetch): Source {
  /** One call: its answer read by `read` when it has the status `expect`. */
  async function call<T>(
    caller: Caller,
    method: string,
    path: string,
    expect: number,
    read: (value: unknown) => T | undefined,
    body?: Book,
  ): Promise<Lookup<T>> {
    const headers: Record<string, string> = { [REQUEST_ID]: caller.requestId };
    if (caller.authorization !== undefined) headers.authorization = caller.authorization;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const what = `${method} ${api}${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      text = await response.text();
    } catch (cause) {
      return { ok: false, failed: `${what} failed: ${String(cause)}` };
    }
    const parsed = jsonOf(text);
    if (response.status === expect) {
      const value = read(parsed);
      return value === undefined ? { ok: false, failed: `${what} answered ${expect} without what was asked for` } : { ok: true, value };
    }
    const refused = refusalFrom(response, parsed);
    return refused ? { ok: false, refused } : { ok: false, failed: `${what} answered ${response.status}` };
  }

  return {
    listBooks: (caller, limit, after) =>
      call(caller, 'GET', `/books?limit=${limit}${after === undefined ? '' : `&after=${after}`}`, 200, asPage),
    getBook: (caller, id) => call(caller, 'GET', `/books/${id}`, 200, asEntry),
    addBook: (caller, book) => call(caller, 'POST', '/books', 201, asEntry, book),
    removeBook: (caller, id) =>
      call(caller, 'DELETE', `/books/${id}`, 204, () => null).then((lookup) => (lookup.ok ? { ok: true, value: undefined } : lookup)),
  };
}
