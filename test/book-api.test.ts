// book-api as built: both faces, on a fresh instance for every request.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import type { Component } from '../runtime/index.js';
import { bodyText, get, header, loadBuilt, MONDAY, WEEK } from './support/http.js';

let api: Component;
beforeAll(async () => {
  api = await loadBuilt('book-api');
});

const catalog = (): typeof Catalog => api.instantiate({ clock: MONDAY }).catalog as typeof Catalog;

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
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => exported.bookOfTheDay(day))).toEqual(WEEK);
  });

  it('returns the typed error for a weekday out of range', () => {
    expect(witError(() => catalog().bookOfTheDay(7))).toEqual({ tag: 'invalid-weekday', val: 7 });
  });

  it('lists books to scale the payload, and refuses too many', () => {
    const exported = catalog();
    expect(exported.books(3)).toEqual(WEEK.slice(0, 3));
    expect(exported.books(10_000)).toHaveLength(10_000);
    expect(witError(() => exported.books(100_001))).toEqual({ tag: 'too-many-books', val: 100_001 });
  });
});

describe('HTTP face (JSON)', () => {
  it("answers GET /api with today's book as JSON", () => {
    const response = api.serveOnce(get('/api'), { clock: MONDAY });
    expect(response.status).toBe(200);
    expect(header(response, 'content-type')).toBe('application/json');
    expect(JSON.parse(bodyText(response))).toEqual(WEEK[1]);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])('answers ?weekday=%i with that day’s book', (day) => {
    const response = api.serveOnce(get(`/api?weekday=${day}`));
    expect(response.status).toBe(200);
    expect(JSON.parse(bodyText(response))).toEqual(WEEK[day]);
  });

  it('encodes non-ASCII titles and authors as UTF-8', () => {
    const body = Buffer.from(api.serveOnce(get('/api?weekday=3')).body);
    expect(body.includes(Buffer.from('My \u00c1ntonia', 'utf8'))).toBe(true);
    const carre = Buffer.from(api.serveOnce(get('/api?weekday=1')).body);
    expect(carre.includes(Buffer.from([0x43, 0x61, 0x72, 0x72, 0xc3, 0xa9]))).toBe(true); // "Carré"
  });

  it.each(['7', '-1', 'monday', '2.5', ''])('answers ?weekday=%s with 400 naming the parameter', (raw) => {
    const response = api.serveOnce(get(`/api?weekday=${raw}`));
    expect(response.status).toBe(400);
    expect(header(response, 'content-type')).toBe('application/json');
    expect(JSON.parse(bodyText(response))).toMatchObject({ parameter: 'weekday', error: expect.stringContaining('"weekday"') });
  });

  it('lists ?count=N books at /api/books, a week by default', () => {
    expect(JSON.parse(bodyText(api.serveOnce(get('/api/books?count=9'))))).toEqual([...WEEK, WEEK[0], WEEK[1]]);
    expect(JSON.parse(bodyText(api.serveOnce(get('/api/books'))))).toEqual(WEEK);
  });

  it.each(['100001', 'many'])('answers /api/books?count=%s with 400 naming the parameter', (raw) => {
    const response = api.serveOnce(get(`/api/books?count=${raw}`));
    expect(response.status).toBe(400);
    expect(JSON.parse(bodyText(response))).toMatchObject({ parameter: 'count' });
  });

  it('answers an unknown path with 404 and a wrong method with 405', () => {
    const missing = api.serveOnce(get('/api/nope'));
    expect(missing.status).toBe(404);
    expect(JSON.parse(bodyText(missing))).toEqual({ error: 'no route for /api/nope' });

    const post = api.serveOnce(get('/api', { method: 'POST', body: new TextEncoder().encode('{}') }));
    expect(post.status).toBe(405);
    expect(header(post, 'allow')).toBe('GET');
  });

  it('serves request after request, each on a fresh instance', () => {
    const statuses = [0, 1, 2, 3].map((day) => api.serveOnce(get(`/api?weekday=${day}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
  });
});
