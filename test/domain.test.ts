// The TypeScript the components are built from, tested without building them.
import { describe, expect, it } from 'vitest';
import { bookOfTheDay, books, MAX_BOOKS, today } from '../components/book-api/src/catalog.js';
import { renderBook } from '../components/frontend/src/render.js';
import { boundedParam, uintParam, weekdayParam } from '../components/shared/query.js';
import { router } from '../components/shared/router.js';
import { WEEK } from './support/http.js';

describe('catalog', () => {
  it('has the seven books, Sunday first', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => bookOfTheDay(day))).toEqual(WEEK.map((value) => ({ ok: true, value })));
  });

  it.each([7, 255, -1, 1.5, Number.NaN])('rejects weekday %s with a typed error', (day) => {
    expect(bookOfTheDay(day)).toEqual({ ok: false, error: { tag: 'invalid-weekday', val: day } });
  });

  it("takes today's weekday in UTC, not in local time", () => {
    expect(today(new Date('2026-11-23T00:30:00Z'))).toBe(1);
    // Sunday evening in New York is already Monday in UTC.
    expect(today(new Date('2026-11-22T21:30:00-05:00'))).toBe(1);
    expect(today(new Date('2026-11-22T23:59:59Z'))).toBe(0);
  });

  it('lists any number of books, cycling through the week', () => {
    expect(books(0)).toEqual({ ok: true, value: [] });
    const ten = books(10);
    expect(ten.ok && ten.value.map((b) => b.title)).toEqual([...WEEK, ...WEEK.slice(0, 3)].map((b) => b.title));
    const most = books(MAX_BOOKS);
    expect(most.ok && most.value.length).toBe(MAX_BOOKS);
  });

  it('refuses more than MAX_BOOKS books', () => {
    expect(books(MAX_BOOKS + 1)).toEqual({ ok: false, error: { tag: 'too-many-books', val: MAX_BOOKS + 1 } });
  });
});

describe('query parameters', () => {
  const url = (query: string): URLSearchParams => new URL(`http://example.test/api${query}`).searchParams;

  it('reads a weekday, or none', () => {
    expect(weekdayParam(url('?weekday=0'))).toEqual({ ok: true, value: 0 });
    expect(weekdayParam(url('?weekday=6'))).toEqual({ ok: true, value: 6 });
    expect(weekdayParam(url(''))).toEqual({ ok: true, value: undefined });
  });

  it.each(['7', '-1', '1.5', 'x', '', ' 3', '0x3', '1e1'])('rejects weekday "%s", naming the parameter', (raw) => {
    const result = weekdayParam(url(`?weekday=${encodeURIComponent(raw)}`));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^query parameter "weekday" must be/);
  });

  it('reads bounded integers, with a default', () => {
    expect(boundedParam(url('?calls=7'), 'calls', 1, 100, 1)).toEqual({ ok: true, value: 7 });
    expect(boundedParam(url(''), 'calls', 1, 100, 1)).toEqual({ ok: true, value: 1 });
    expect(boundedParam(url('?calls=101'), 'calls', 1, 100, 1)).toEqual({
      ok: false,
      message: 'query parameter "calls" must be from 1 to 100, got "101"',
    });
  });

  it('reads non-negative integers only', () => {
    expect(uintParam(url('?count=100'), 'count')).toEqual({ ok: true, value: 100 });
    expect(uintParam(url('?count=-5'), 'count')).toEqual({
      ok: false,
      message: 'query parameter "count" must be a non-negative integer, got "-5"',
    });
  });
});

describe('rendering', () => {
  it('renders the sentence of the article', () => {
    expect(renderBook({ title: 'The Hobbit', author: 'J.R.R. Tolkien' })).toBe("Today's book is _The Hobbit_ by J.R.R. Tolkien");
  });
});

describe('router', () => {
  const request = (path: string, method = 'GET') => ({ method, path, query: new URLSearchParams() });
  const handle = router(
    {
      '/ok': { GET: () => ({ status: 200, headers: {}, body: 'fine' }) },
      '/later': { GET: async () => ({ status: 200, headers: {}, body: 'in time' }) },
      '/boom': {
        GET: () => {
          throw new Error('kaput');
        },
      },
      '/boom-later': {
        GET: async () => {
          throw new Error('kaput later');
        },
      },
    },
    (status, body, headers = {}) => ({ status, headers, body }),
  );

  it('routes by exact path and method, answering at once when the handler does', async () => {
    expect(handle(request('/ok'))).toEqual({ status: 200, headers: {}, body: 'fine' });
    expect(await handle(request('/later'))).toEqual({ status: 200, headers: {}, body: 'in time' });
  });

  it('answers an unknown path with 404', () => {
    expect(handle(request('/ok/more'))).toMatchObject({ status: 404, body: 'no route for /ok/more' });
  });

  it('answers a wrong method with 405 and the allowed ones', () => {
    expect(handle(request('/ok', 'DELETE'))).toEqual({
      status: 405,
      headers: { allow: 'GET' },
      body: 'DELETE is not allowed on /ok; use GET',
    });
  });

  it('turns a thrown error, or a rejected one, into a 500 that says so', async () => {
    expect(handle(request('/boom'))).toMatchObject({ status: 500, body: 'internal error: Error: kaput' });
    expect(await handle(request('/boom-later'))).toMatchObject({ status: 500, body: 'internal error: Error: kaput later' });
  });
});
