// The books over HTTP, as in the article: book-api's JSON routes under the
// URL in the Spin variable `book_api_url` (loopback for `network`,
// book-api.spin.internal for `chain`), with the caller's request id and
// credentials as headers, through the engine's client (shared/outgoing.ts).
// book-api's JSON refusals are passed on with its words; anything else that
// is not what was asked for is a failure.
import type { Book, Entry, Page } from 'bookserver:books/catalog@0.1.0';
import { get as variable } from 'wasi:config/store@0.2.0-draft-2024-09-27';
import type { Refusal } from '../../shared/http.js';
import type { HeaderLookup, Send } from '../../shared/outgoing.js';
import { REQUEST_ID_HEADER } from '../../shared/request-id.js';
import { httpUrl } from '../../shared/url.js';
import { etag } from '../../shared/versions.js';
import type { BookSource, Lookup } from './book-source.js';

type Read<T> = (value: unknown) => T | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

const asBook: Read<Book> = (value) =>
  isObject(value) && typeof value.title === 'string' && typeof value.author === 'string'
    ? { title: value.title, author: value.author }
    : undefined;
const asBooks: Read<Book[]> = (value) => {
  const books = Array.isArray(value) ? value.map(asBook) : [undefined];
  return books.every((book) => book !== undefined) ? (books as Book[]) : undefined;
};
const asEntry: Read<Entry> = (value) => {
  const book = asBook(value);
  return book && isObject(value) && isCount(value.id) && isCount(value.version)
    ? { id: value.id, version: value.version, book }
    : undefined;
};
const asPage: Read<Page> = (value) => {
  if (!isObject(value) || !Array.isArray(value.books) || !(value.next === null || isCount(value.next))) return undefined;
  const entries = value.books.map(asEntry);
  return entries.every((entry) => entry !== undefined) ? { entries: entries as Entry[], next: value.next ?? undefined } : undefined;
};
/** Headers of a refusal that the client needs: how to authenticate, which version is current, when to come again. */
const PASSED_ON = ['www-authenticate', 'etag', 'retry-after'];

/** book-api's refusal: a status the client caused, or 503, with book-api's JSON words. */
function refusalFrom(status: number, headers: HeaderLookup, parsed: unknown): Refusal | undefined {
  if ((status < 400 || status > 499) && status !== 503) return undefined;
  if (!isObject(parsed) || typeof parsed.error !== 'string') return undefined;
  const passed: Record<string, string> = {};
  for (const name of PASSED_ON) {
    const value = headers.get(name);
    if (value !== null) passed[name] = value;
  }
  return {
    status,
    message: parsed.error,
    ...(typeof parsed.parameter === 'string' && { parameter: parsed.parameter }),
    ...(typeof parsed.field === 'string' && { field: parsed.field }),
    ...(Object.keys(passed).length > 0 && { headers: passed }),
  };
}

interface Call {
  method: string;
  /** Under book_api_url. */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string | undefined>;
  body?: unknown;
  /** The status that means it worked. */
  expect: number;
}

/** An answer of the expected status, its body as sent and as JSON (undefined when empty); or a refusal, or a failure. */
type Answer = { ok: true; parsed: unknown; text: string; what: string } | Exclude<Lookup<never>, { ok: true }>;

async function exchange(send: Send, { method, path, query = {}, headers = {}, body, expect }: Call): Promise<Answer> {
  const base = variable('book_api_url');
  if (!base) return { ok: false, failed: 'the Spin variable book_api_url is not set' };
  const url = httpUrl(base + path, query);
  if (!url)
    return { ok: false, failed: `the Spin variable book_api_url is not an http(s) URL this frontend calls: ${JSON.stringify(base)}` };
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent[name] = value;
  if (body !== undefined) sent['content-type'] = 'application/json';

  const what = `${method} ${url.href}`;
  const answer = await send({ method, url, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!answer.answered) return { ok: false, failed: `${what} failed: ${answer.reason}` };
  const { status, text } = answer;
  let parsed: unknown;
  let isJson = true;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    isJson = false;
  }
  if (status === expect) {
    return isJson ? { ok: true, parsed, text, what } : { ok: false, failed: `${what} answered invalid JSON: ${text.slice(0, 200)}` };
  }
  const refused = isJson ? refusalFrom(status, answer.headers, parsed) : undefined;
  return refused ? { ok: false, refused } : { ok: false, failed: `${what} answered ${status}: ${text.slice(0, 200)}` };
}

/** A call whose answer is JSON of a shape `read` knows. */
async function callFor<T>(send: Send, call: Call, read: Read<T>, shape: string): Promise<Lookup<T>> {
  const answer = await exchange(send, call);
  if (!answer.ok) return answer;
  const value = read(answer.parsed);
  return value === undefined
    ? { ok: false, failed: `${answer.what} answered JSON that is not ${shape}: ${answer.text.slice(0, 200)}` }
    : { ok: true, value };
}

/** book-api over HTTP, each call sent by `send`. */
export const httpSource = (send: Send): BookSource => ({
  bookOfTheDay: (caller, day) =>
    callFor(
      send,
      { method: 'GET', path: '', query: { weekday: day?.toString() }, headers: { [REQUEST_ID_HEADER]: caller.requestId }, expect: 200 },
      asBook,
      'a book',
    ),
  books: (caller, count) =>
    callFor(
      send,
      { method: 'GET', path: '/week', query: { count: String(count) }, headers: { [REQUEST_ID_HEADER]: caller.requestId }, expect: 200 },
      asBooks,
      'a list of books',
    ),
  listBooks: (caller, limit, after) =>
    callFor(
      send,
      {
        method: 'GET',
        path: '/books',
        query: { limit: String(limit), cursor: after?.toString() },
        headers: { [REQUEST_ID_HEADER]: caller.requestId },
        expect: 200,
      },
      asPage,
      'a page of books',
    ),
  getBook: (caller, id) =>
    callFor(
      send,
      { method: 'GET', path: `/books/${id}`, headers: { [REQUEST_ID_HEADER]: caller.requestId }, expect: 200 },
      asEntry,
      'a book',
    ),
  addBook: (caller, book) =>
    callFor(
      send,
      {
        method: 'POST',
        path: '/books',
        headers: { [REQUEST_ID_HEADER]: caller.requestId, authorization: caller.authorization },
        body: book,
        expect: 201,
      },
      asEntry,
      'a book',
    ),
  updateBook: (caller, id, book, version) =>
    callFor(
      send,
      {
        method: 'PUT',
        path: `/books/${id}`,
        headers: {
          [REQUEST_ID_HEADER]: caller.requestId,
          authorization: caller.authorization,
          'if-match': version === undefined ? '*' : etag(version),
        },
        body: book,
        expect: 200,
      },
      asEntry,
      'a book',
    ),
  removeBook: (caller, id, version) =>
    exchange(send, {
      method: 'DELETE',
      path: `/books/${id}`,
      headers: {
        [REQUEST_ID_HEADER]: caller.requestId,
        authorization: caller.authorization,
        'if-match': version === undefined ? undefined : etag(version),
      },
      expect: 204,
    }).then((answer) => (answer.ok ? { ok: true, value: undefined } : answer)),
});
