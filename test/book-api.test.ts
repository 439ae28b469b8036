// book-api as built: both faces, on a fresh instance for every request, over
// one store, as a running app keeps it. The REST cases on every wiring and
// engine are in test/conformance/rest.test.ts; these are the component's own.
import { beforeEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import type { Component, HostOptions, HttpRequest } from '../runtime/index.js';
import { bodyText, get, header, loadBuilt, MONDAY, WEEK } from './support/http.js';
import { bookApiHost, TEST_TOKEN } from './support/stores.js';

let api: Component;
let host: HostOptions;
beforeAll(async () => {
  api = await loadBuilt('book-api');
});
beforeEach(() => {
  host = bookApiHost({ clock: MONDAY, stdout: () => {} });
});

const catalog = (): typeof Catalog => api.instantiate(host).catalog as typeof Catalog;
const serve = (request: HttpRequest) => api.serveOnce(request, host);
const caller = { requestId: 'test', authorization: `Bearer ${TEST_TOKEN}` };
const json = (method: string, path: string, body: unknown, headers: [string, string][] = []): HttpRequest =>
  get(path, {
    method,
    headers: [['content-type', 'application/json'], ['authorization', `Bearer ${TEST_TOKEN}`], ...headers],
    body: new TextEncoder().encode(JSON.stringify(body)),
  });

/** The err case of a WIT result, as jco's bindings throw it. */
function witError(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return (error as { payload?: unknown }).payload;
  }
  throw new Error('expected the call to fail');
}

describe('catalog export (WIT)', () => {
  it("says today is the host clock's weekday in UTC", () => {
    expect(catalog().today()).toBe(1);
  });

  it('returns the book of each day', () => {
    const exported = catalog();
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => exported.bookOfTheDay(caller, day))).toEqual(WEEK);
  });

  it('returns the typed error for a weekday out of range', () => {
    expect(witError(() => catalog().bookOfTheDay(caller, 7))).toEqual({ tag: 'invalid-weekday', val: 7 });
  });

  it('lists books to scale the payload, and refuses too many', () => {
    const exported = catalog();
    expect(exported.books(caller, 3)).toEqual(WEEK.slice(0, 3));
    expect(exported.books(caller, 10_000)).toHaveLength(10_000);
    expect(witError(() => exported.books(caller, 100_001))).toEqual({ tag: 'too-many-books', val: 100_001 });
  });

  it('adds, reads, pages, updates and removes, a write only with the token', () => {
    const book = { title: 'Piranesi', author: 'Susanna Clarke' };
    expect(witError(() => catalog().addBook({ requestId: 'test' }, book))).toEqual({ tag: 'unauthorized', val: 'missing' });
    expect(catalog().addBook(caller, book)).toEqual({ id: 8, version: 1, book });
    expect(catalog().getBook(caller, 8)).toEqual({ id: 8, version: 1, book });
    expect(catalog().listBooks(caller, 2, 6)).toEqual({
      entries: [
        { id: 7, version: 1, book: WEEK[6] },
        { id: 8, version: 1, book },
      ],
      next: undefined,
    });
    expect(witError(() => catalog().updateBook(caller, 8, book, 2))).toEqual({ tag: 'version-mismatch', val: 1 });
    expect(catalog().updateBook(caller, 8, WEEK[0], 1)).toEqual({ id: 8, version: 2, book: WEEK[0] });
    catalog().removeBook(caller, 8, undefined);
    expect(witError(() => catalog().getBook(caller, 8))).toEqual({ tag: 'not-found', val: 8 });
  });
});

describe('HTTP face (JSON)', () => {
  it("answers GET /api with today's book as JSON", () => {
    const response = serve(get('/api'));
    expect(response.status).toBe(200);
    expect(header(response, 'content-type')).toBe('application/json');
    expect(JSON.parse(bodyText(response))).toEqual(WEEK[1]);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])('answers ?weekday=%i with that day’s book', (day) => {
    const response = serve(get(`/api?weekday=${day}`));
    expect(response.status).toBe(200);
    expect(JSON.parse(bodyText(response))).toEqual(WEEK[day]);
  });

  it('encodes non-ASCII titles and authors as UTF-8', () => {
    const body = Buffer.from(serve(get('/api?weekday=3')).body);
    expect(body.includes(Buffer.from('My \u00c1ntonia', 'utf8'))).toBe(true);
    const carre = Buffer.from(serve(get('/api?weekday=1')).body);
    expect(carre.includes(Buffer.from([0x43, 0x61, 0x72, 0x72, 0xc3, 0xa9]))).toBe(true); // "Carré"
  });

  it.each(['7', '-1', 'monday', '2.5', ''])('answers ?weekday=%s with 400 naming the parameter', (raw) => {
    const response = serve(get(`/api?weekday=${raw}`));
    expect(response.status).toBe(400);
    expect(header(response, 'content-type')).toBe('application/json');
    expect(JSON.parse(bodyText(response))).toMatchObject({ parameter: 'weekday', error: expect.stringContaining('"weekday"') });
  });

  it('lists ?count=N books cycling through the week at /api/week, a week by default', () => {
    expect(JSON.parse(bodyText(serve(get('/api/week?count=9'))))).toEqual([...WEEK, WEEK[0], WEEK[1]]);
    expect(JSON.parse(bodyText(serve(get('/api/week'))))).toEqual(WEEK);
  });

  it.each(['100001', 'many'])('answers /api/week?count=%s with 400 naming the parameter', (raw) => {
    const response = serve(get(`/api/week?count=${raw}`));
    expect(response.status).toBe(400);
    expect(JSON.parse(bodyText(response))).toMatchObject({ parameter: 'count' });
  });

  it('takes a write with its JSON body and headers, and keeps it for the next instance', () => {
    const added = serve(json('POST', '/api/books', { title: 'Kindred', author: 'Octavia E. Butler' }, [['x-request-id', 'r-1']]));
    expect(added.status).toBe(201);
    expect(header(added, 'location')).toBe('/api/books/8');
    expect(header(added, 'etag')).toBe('"1"');
    expect(header(added, 'x-request-id')).toBe('r-1');
    expect(JSON.parse(bodyText(serve(get('/api/books/8'))))).toEqual({ id: 8, title: 'Kindred', author: 'Octavia E. Butler', version: 1 });
  });

  it('carries a body up to its limit, and refuses one past it unread', () => {
    const head = '{"title":"T","author":"A"';
    const padded = `${head}${' '.repeat(16 * 1024 - head.length - 1)}}`;
    expect(padded.length).toBe(16 * 1024);
    expect(
      serve(
        get('/api/books', {
          method: 'POST',
          headers: [
            ['content-type', 'application/json'],
            ['authorization', `Bearer ${TEST_TOKEN}`],
          ],
          body: new TextEncoder().encode(padded),
        }),
      ).status,
    ).toBe(201);
    const over = serve(
      get('/api/books', {
        method: 'POST',
        headers: [
          ['content-type', 'application/json'],
          ['authorization', `Bearer ${TEST_TOKEN}`],
        ],
        body: new TextEncoder().encode(`${padded} `),
      }),
    );
    expect(over.status).toBe(413);
    expect(JSON.parse(bodyText(over))).toEqual({ error: 'the body must be at most 16384 bytes' });
  });

  it('answers an unknown path with 404 and a wrong method with 405', () => {
    const missing = serve(get('/api/nope'));
    expect(missing.status).toBe(404);
    expect(JSON.parse(bodyText(missing))).toEqual({ error: 'no route for /api/nope' });

    const post = serve(get('/api', { method: 'POST', body: new TextEncoder().encode('{}') }));
    expect(post.status).toBe(405);
    expect(header(post, 'allow')).toBe('GET');
  });

  it('logs each request with its id, on stdout', () => {
    const lines: string[] = [];
    api.serveOnce(get('/api?weekday=2', { headers: [['x-request-id', 'logged-1']] }), {
      ...host,
      stdout: (bytes) => lines.push(Buffer.from(bytes).toString()),
    });
    expect(lines.join('')).toBe('book-api logged-1 GET /api 200\n');
  });
});
