// The frontend as built, in both builds: frontend-http fed over HTTP by a
// real book-api component, frontend-wit fed over WIT by the same component's
// catalog export, both over one store. A user must not be able to tell them
// apart, reads and writes alike.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import type { Component, HostOptions, HttpRequest, HttpResponse, Outbound } from '../runtime/index.js';
import { bodyText, get, header, loadBuilt, MONDAY, sentence } from './support/http.js';
import { bookApiHost, TEST_TOKEN } from './support/stores.js';

let api: Component;
let frontendHttp: Component;
let frontendWit: Component;
beforeAll(async () => {
  [api, frontendHttp, frontendWit] = await Promise.all(['book-api', 'frontend-http', 'frontend-wit'].map(loadBuilt));
});

const BOOK_API_URL = 'http://book-api.spin.internal/api';
const quiet = { stdout: () => {} };

/** book-api's host: a store per test, shared by every instance of that test, as an app's store is. */
let apiHost: HostOptions;
beforeEach(() => {
  apiHost = bookApiHost({ clock: MONDAY, ...quiet });
});

/** frontend-http, its outgoing requests answered by a fresh book-api instance, as chaining does. */
function viaHttp(request: HttpRequest, sent: HttpRequest[] = []): HttpResponse {
  const outbound: Outbound = (outgoing) => {
    sent.push(outgoing);
    return { ok: true, response: api.serveOnce(outgoing, apiHost) };
  };
  return frontendHttp.serveOnce(request, { outbound, variables: new Map([['book_api_url', BOOK_API_URL]]), ...quiet });
}

/** frontend-wit, its catalog import bound to a fresh book-api instance's export. */
function viaWit(request: HttpRequest): HttpResponse {
  const catalog = api.instantiate(apiHost).catalog as typeof Catalog;
  return frontendWit.serveOnce(request, { imports: { 'bookserver:books/catalog': catalog }, ...quiet });
}

const builds = { 'frontend-http': viaHttp, 'frontend-wit': viaWit };

/** A write with the token; a body is JSON unless `headers` give another content-type. */
const write = (method: string, path: string, body?: string, headers: [string, string][] = []): HttpRequest => {
  const typed = body !== undefined && !headers.some(([name]) => name === 'content-type');
  return get(path, {
    method,
    headers: [
      ...(typed ? ([['content-type', 'application/json']] as [string, string][]) : []),
      ['authorization', `Bearer ${TEST_TOKEN}`],
      ...headers,
    ],
    body: new TextEncoder().encode(body ?? ''),
  });
};
const answer = (response: HttpResponse) => ({
  status: response.status,
  body: bodyText(response),
  headers: Object.fromEntries(response.headers.filter(([name]) => ['location', 'etag', 'www-authenticate', 'allow'].includes(name))),
});

describe.each(Object.entries(builds))('%s', (_name, serve) => {
  it.each([0, 1, 2, 3, 4, 5, 6])('renders the book of weekday %i', (day) => {
    const response = serve(get(`/?weekday=${day}`));
    expect(response.status).toBe(200);
    expect(header(response, 'content-type')).toBe('text/plain; charset=utf-8');
    expect(bodyText(response)).toBe(sentence(day));
  });

  it("renders today's book when no weekday is named", () => {
    expect(bodyText(serve(get('/')))).toBe(sentence(1));
  });

  it('answers a bad weekday with 400 and the reason', () => {
    const response = serve(get('/?weekday=8'));
    expect(response.status).toBe(400);
    expect(bodyText(response)).toBe('query parameter "weekday" must be from 0 (Sunday) to 6 (Saturday), got "8"');
  });

  it('looks books up ?calls times, ?count books each, on /bench', () => {
    expect(bodyText(serve(get('/bench?calls=7&count=100')))).toBe('7 calls of 100 books: 700 books received');
    expect(bodyText(serve(get('/bench')))).toBe('1 calls of 1 books: 1 books received');
  });

  it.each(['calls=101', 'calls=0', 'count=10001', 'count=x'])('answers /bench?%s with 400', (query) => {
    expect(serve(get(`/bench?${query}`)).status).toBe(400);
  });

  it('answers other paths with 404 and other methods with 405', () => {
    expect(serve(get('/api')).status).toBe(404);
    const post = serve(get('/', { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(header(post, 'allow')).toBe('GET');
  });

  it.each(['toString', 'constructor', '__proto__'])('answers the method %s, named like an object member, with 405', (method) => {
    const response = serve(get('/', { method }));
    expect({ status: response.status, body: bodyText(response) }).toEqual({ status: 405, body: `${method} is not allowed on /; use GET` });
  });

  it('adds a book, and the next request reads it', () => {
    expect(answer(serve(write('POST', '/books', '{"title":"Kindred","author":"Octavia E. Butler"}')))).toEqual({
      status: 201,
      body: 'Added 8. _Kindred_ by Octavia E. Butler (version 1)',
      headers: { location: '/books/8', etag: '"1"' },
    });
    expect(bodyText(serve(get('/books/8')))).toBe('8. _Kindred_ by Octavia E. Butler (version 1)');
  });
});

describe('both builds', () => {
  /** The requests a user could send, in order: each build answers them on a store of its own. */
  const session: HttpRequest[] = [
    get('/'),
    get('/?weekday=0'),
    get('/?weekday=x'),
    get('/nope'),
    get('/bench?calls=3&count=10'),
    get('/bench?calls=200'),
    get('/books?limit=3'),
    get('/books?limit=500'),
    write('POST', '/books', '{"title":"Piranesi","author":"Susanna Clarke"}'),
    write('POST', '/books', 'title=Mo%C3%AFra&author=A', [['content-type', 'application/x-www-form-urlencoded']]),
    write('POST', '/books', '{"title":"x"}'),
    write('POST', '/books', '{"title":"","author":"A"}'),
    write('POST', '/books', '{"title":"T","author":"A"}', [['authorization', 'Bearer nope']]),
    get('/books', {
      method: 'POST',
      headers: [['content-type', 'application/json']],
      body: new TextEncoder().encode('{"title":"T","author":"A"}'),
    }),
    write('PUT', '/books/2', '{"title":"T","author":"A"}'),
    write('PUT', '/books/2', '{"title":"T","author":"A"}', [['if-match', '"4"']]),
    write('PUT', '/books/2', '{"title":"T","author":"A"}', [['if-match', '"1"']]),
    write('DELETE', '/books/3'),
    get('/books/3'),
    get('/books/x'),
    get('/books?cursor=5'),
  ];

  it('answer every request with the same status, headers and bytes', () => {
    const http = session.map((request) => answer(viaHttp(request)));
    apiHost = bookApiHost({ clock: MONDAY, ...quiet });
    const wit = session.map((request) => answer(viaWit(request)));
    expect(wit).toEqual(http);
    expect(http.map((a) => a.status)).toEqual([
      200, 200, 400, 404, 200, 400, 200, 400, 201, 201, 400, 400, 401, 401, 428, 412, 200, 200, 404, 400, 200,
    ]);
  });
});

describe('frontend-http over HTTP', () => {
  it('passes the requested weekday through to book_api_url, with the request id', () => {
    const sent: HttpRequest[] = [];
    viaHttp(get('/?weekday=5', { headers: [['x-request-id', 'r-5']] }), sent);
    expect(sent.map((r) => [r.method, `http://${r.authority}${r.pathWithQuery}`])).toEqual([['GET', `${BOOK_API_URL}?weekday=5`]]);
    expect(sent[0].headers).toContainEqual(['x-request-id', 'r-5']);
  });

  it("passes a write on with the client's Authorization, the version, and the book as JSON", () => {
    const sent: HttpRequest[] = [];
    viaHttp(
      write('PUT', '/books/2', 'title=T&author=A', [
        ['content-type', 'application/x-www-form-urlencoded'],
        ['if-match', '"1"'],
      ]),
      sent,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('PUT');
    expect(sent[0].pathWithQuery).toBe('/api/books/2');
    expect(Object.fromEntries(sent[0].headers)).toMatchObject({
      authorization: `Bearer ${TEST_TOKEN}`,
      'if-match': '"1"',
      'content-type': 'application/json',
    });
    expect(JSON.parse(Buffer.from(sent[0].body).toString())).toEqual({ title: 'T', author: 'A' });
  });

  const answering = (response: HttpResponse | string): HostOptions => ({
    variables: new Map([['book_api_url', BOOK_API_URL]]),
    outbound: () =>
      typeof response === 'string' ? { ok: false, error: { tag: 'internal-error', val: response } } : { ok: true, response },
    ...quiet,
  });
  const json = (status: number, body: string): HttpResponse => ({
    status,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(body),
  });

  it.each([
    ['book-api fails', json(500, '{"error":"down"}'), /answered 500: \{"error":"down"\}/],
    ['book-api answers invalid JSON', json(200, '{"title":'), /answered invalid JSON/],
    ['book-api answers JSON that is no book', json(200, '{"title":"x"}'), /answered JSON that is not a book/],
    ['book-api answers a client error without its JSON words', json(404, ''), /answered 404: $/],
    ['book-api is unreachable', 'connection refused', /GET http:\/\/book-api\.spin\.internal\/api failed/],
  ])('answers 502 with the reason when %s', (_case, upstream, reason) => {
    const response = frontendHttp.serveOnce(get('/'), answering(upstream));
    expect(response.status).toBe(502);
    expect(header(response, 'content-type')).toBe('text/plain; charset=utf-8');
    expect(bodyText(response)).toMatch(reason);
  });

  it('asks book_api_url/week for lists, once per call', () => {
    const sent: HttpRequest[] = [];
    viaHttp(get('/bench?calls=3&count=5'), sent);
    expect(sent.map((r) => `http://${r.authority}${r.pathWithQuery}`)).toEqual(Array(3).fill(`${BOOK_API_URL}/week?count=5`));
  });

  it('answers /bench with 502 when book-api answers a list that is not books', () => {
    const response = frontendHttp.serveOnce(get('/bench'), answering(json(200, '[{"title":1}]')));
    expect(response.status).toBe(502);
    expect(bodyText(response)).toMatch(/answered JSON that is not a list of books/);
  });

  it('answers 502 naming the variable when book_api_url is not set', () => {
    const response = frontendHttp.serveOnce(get('/'), { outbound: () => ({ ok: false, error: { tag: 'HTTP-request-denied' } }), ...quiet });
    expect(response.status).toBe(502);
    expect(bodyText(response)).toBe('book-api failed: the Spin variable book_api_url is not set');
  });
});

describe('frontend-wit over WIT', () => {
  const catalogThrowing = (error: unknown): typeof Catalog => {
    const fail = (): never => {
      throw error;
    };
    return {
      today: () => 1,
      bookOfTheDay: fail,
      books: fail,
      listBooks: fail,
      getBook: fail,
      addBook: fail,
      updateBook: fail,
      removeBook: fail,
    };
  };

  it("passes a catalogue error on in book-api's words and status", () => {
    const response = frontendWit.serveOnce(get('/?weekday=2'), {
      imports: { 'bookserver:books/catalog': catalogThrowing({ tag: 'not-found', val: 3 }) },
      ...quiet,
    });
    expect({ status: response.status, body: bodyText(response) }).toEqual({ status: 404, body: 'no book 3' });
  });
});
