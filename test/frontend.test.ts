// The frontend as built, in both builds: frontend-http fed over HTTP by a
// real book-api component, frontend-wit fed over WIT by the same component's
// catalog export. A user must not be able to tell them apart.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import type { Component, HostOptions, HttpRequest, HttpResponse, Outbound } from '../runtime/index.js';
import { bodyText, get, header, loadBuilt, MONDAY, sentence } from './support/http.js';

let api: Component;
let frontendHttp: Component;
let frontendWit: Component;
beforeAll(async () => {
  [api, frontendHttp, frontendWit] = await Promise.all(['book-api', 'frontend-http', 'frontend-wit'].map(loadBuilt));
});

const BOOK_API_URL = 'http://book-api.spin.internal/api';

/** frontend-http, its outgoing requests answered by a fresh book-api instance, as chaining does. */
function viaHttp(request: HttpRequest, sent: HttpRequest[] = []): HttpResponse {
  const outbound: Outbound = (outgoing) => {
    sent.push(outgoing);
    return { ok: true, response: api.serveOnce(outgoing, { clock: MONDAY }) };
  };
  return frontendHttp.serveOnce(request, { outbound, variables: new Map([['book_api_url', BOOK_API_URL]]) });
}

/** frontend-wit, its catalog import bound to a fresh book-api instance's export. */
function viaWit(request: HttpRequest): HttpResponse {
  const catalog = api.instantiate({ clock: MONDAY }).catalog as typeof Catalog;
  return frontendWit.serveOnce(request, { imports: { 'bookserver:books/catalog': catalog } });
}

const builds = { 'frontend-http': viaHttp, 'frontend-wit': viaWit };

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
    const answer = serve(get('/', { method }));
    expect({ status: answer.status, body: bodyText(answer) }).toEqual({ status: 405, body: `${method} is not allowed on /; use GET` });
  });
});

describe('both builds', () => {
  it('answer with the same bytes for every request', () => {
    for (const path of [
      '/',
      '/?weekday=0',
      '/?weekday=3',
      '/?weekday=6',
      '/?weekday=x',
      '/nope',
      '/bench?calls=3&count=10',
      '/bench?calls=200',
    ]) {
      const http = viaHttp(get(path));
      const wit = viaWit(get(path));
      expect({ path, status: wit.status, body: Buffer.from(wit.body) }).toEqual({
        path,
        status: http.status,
        body: Buffer.from(http.body),
      });
    }
  });
});

describe('frontend-http over HTTP', () => {
  it('passes the requested weekday through to book_api_url', () => {
    const sent: HttpRequest[] = [];
    viaHttp(get('/?weekday=5'), sent);
    expect(sent.map((r) => [r.method, `http://${r.authority}${r.pathWithQuery}`])).toEqual([['GET', `${BOOK_API_URL}?weekday=5`]]);
  });

  const answering = (response: HttpResponse | string): HostOptions => ({
    variables: new Map([['book_api_url', BOOK_API_URL]]),
    outbound: () =>
      typeof response === 'string' ? { ok: false, error: { tag: 'internal-error', val: response } } : { ok: true, response },
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
    ['book-api is unreachable', 'connection refused', /GET http:\/\/book-api\.spin\.internal\/api failed/],
  ])('answers 502 with the reason when %s', (_case, upstream, reason) => {
    const response = frontendHttp.serveOnce(get('/'), answering(upstream));
    expect(response.status).toBe(502);
    expect(header(response, 'content-type')).toBe('text/plain; charset=utf-8');
    expect(bodyText(response)).toMatch(reason);
  });

  it('asks book_api_url/books for lists, once per call', () => {
    const sent: HttpRequest[] = [];
    viaHttp(get('/bench?calls=3&count=5'), sent);
    expect(sent.map((r) => `http://${r.authority}${r.pathWithQuery}`)).toEqual(Array(3).fill(`${BOOK_API_URL}/books?count=5`));
  });

  it('answers /bench with 502 when book-api answers a list that is not books', () => {
    const response = frontendHttp.serveOnce(get('/bench'), answering(json(200, '[{"title":1}]')));
    expect(response.status).toBe(502);
    expect(bodyText(response)).toMatch(/answered JSON that is not a list of books/);
  });

  it('answers 502 naming the variable when book_api_url is not set', () => {
    const response = frontendHttp.serveOnce(get('/'), { outbound: () => ({ ok: false, error: { tag: 'HTTP-request-denied' } }) });
    expect(response.status).toBe(502);
    expect(bodyText(response)).toBe('book-api failed: the Spin variable book_api_url is not set');
  });
});

describe('frontend-wit over WIT', () => {
  it('answers 502 with the reason when the catalog returns an error', () => {
    const failing: typeof Catalog = {
      today: () => 1,
      bookOfTheDay: (day) => {
        throw { tag: 'invalid-weekday', val: day };
      },
      books: () => [],
    };
    const response = frontendWit.serveOnce(get('/?weekday=2'), { imports: { 'bookserver:books/catalog': failing } });
    expect(response.status).toBe(502);
    expect(bodyText(response)).toMatch(/^book-api failed: catalog\.book-of-the-day failed: .*invalid-weekday/);
  });
});
