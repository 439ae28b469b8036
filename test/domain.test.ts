// The TypeScript the components are built from, tested without building them.
import { describe, expect, it } from 'vitest';
import { books, catalogue, today } from '../components/book-api/src/catalog.js';
import { sameBytes } from '../components/book-api/src/credentials.js';
import { StoreError } from '../components/book-api/src/store.js';
import { MAX_BOOKS, MAX_FIELD, MAX_PAGE } from '../components/shared/limits.js';
import { renderBook } from '../components/frontend/src/render.js';
import { boundedParam, uintParam, weekdayParam } from '../components/shared/query.js';
import { router } from '../components/shared/router.js';
import { WEEK } from './support/http.js';
import { MemoryStore } from './support/memory-store.js';

const TOKEN = 'open-sesame';
const writer = { requestId: 'test', authorization: `Bearer ${TOKEN}` };
const fresh = (token: () => string | undefined = () => TOKEN) => {
  const store = new MemoryStore();
  return { store, catalog: catalogue(store, { token }) };
};
const entry = (id: number, version: number, book: { title: string; author: string }) => ({ id, version, book });
const PIRANESI = { title: 'Piranesi', author: 'Susanna Clarke' };

describe('catalog', () => {
  it('is the seven books of the week on a fresh store, Sunday first, written there once', () => {
    const { store, catalog } = fresh();
    expect([0, 1, 2, 3, 4, 5, 6].map((day) => catalog.bookOfTheDay(day))).toEqual(WEEK.map((value) => ({ ok: true, value })));
    expect([...store.data.keys()].filter((key) => key.startsWith('book:')).sort()).toEqual([
      'book:1',
      'book:2',
      'book:3',
      'book:4',
      'book:5',
      'book:6',
      'book:7',
    ]);
    const writes: string[] = [];
    store.before = (operation) => writes.push(operation);
    catalog.bookOfTheDay(3);
    expect(writes).toEqual(['get']);
  });

  it('lets the requests that come while the first writes the week read it as it will be, and asks a write to one of its books to come again', () => {
    const { store, catalog } = fresh();
    const during: unknown[] = [];
    store.before = (operation) => {
      if (operation !== 'setMany' || during.length > 0) return;
      during.push(
        catalog.bookOfTheDay(2),
        catalog.listBooks(3, undefined),
        catalog.updateBook(writer, 2, PIRANESI, 1),
        catalog.addBook(writer, PIRANESI),
      );
    };
    expect(catalog.bookOfTheDay(0)).toEqual({ ok: true, value: WEEK[0] });
    expect(during).toEqual([
      { ok: true, value: WEEK[2] },
      { ok: true, value: { entries: [entry(1, 1, WEEK[0]), entry(2, 1, WEEK[1]), entry(3, 1, WEEK[2])], next: 3 } },
      { ok: false, error: { tag: 'unavailable', val: 'the catalogue is being set up; try again' } },
      { ok: true, value: entry(8, 1, PIRANESI) },
    ]);
    expect(catalog.getBook(8)).toEqual({ ok: true, value: entry(8, 1, PIRANESI) });
    expect(catalog.getBook(2)).toEqual({ ok: true, value: entry(2, 1, WEEK[1]) });
  });

  it.each([7, 255, -1, 1.5, Number.NaN])('rejects weekday %s with a typed error', (day) => {
    expect(fresh().catalog.bookOfTheDay(day)).toEqual({ ok: false, error: { tag: 'invalid-weekday', val: day } });
  });

  it("follows the week's books as they change: a replaced one is the day's book, a removed one leaves the day without", () => {
    const { catalog } = fresh();
    expect(catalog.updateBook(writer, 4, PIRANESI, 1)).toEqual({ ok: true, value: entry(4, 2, PIRANESI) });
    expect(catalog.bookOfTheDay(3)).toEqual({ ok: true, value: PIRANESI });
    expect(catalog.removeBook(writer, 5, undefined)).toEqual({ ok: true, value: undefined });
    expect(catalog.bookOfTheDay(4)).toEqual({ ok: false, error: { tag: 'not-found', val: 5 } });
    expect(catalog.addBook(writer, WEEK[4])).toMatchObject({ ok: true, value: { id: 8 } });
    expect(catalog.bookOfTheDay(4)).toEqual({ ok: false, error: { tag: 'not-found', val: 5 } });
  });

  it("takes today's weekday in UTC, not in local time", () => {
    expect(today(new Date('2026-11-23T00:30:00Z'))).toBe(1);
    // Sunday evening in New York is already Monday in UTC.
    expect(today(new Date('2026-11-22T21:30:00-05:00'))).toBe(1);
    expect(today(new Date('2026-11-22T23:59:59Z'))).toBe(0);
  });

  it('lists any number of books, cycling through the week, whatever the store holds', () => {
    expect(books(0)).toEqual({ ok: true, value: [] });
    const ten = books(10);
    expect(ten.ok && ten.value.map((b) => b.title)).toEqual([...WEEK, ...WEEK.slice(0, 3)].map((b) => b.title));
    const most = books(MAX_BOOKS);
    expect(most.ok && most.value.length).toBe(MAX_BOOKS);
    expect(books(MAX_BOOKS + 1)).toEqual({ ok: false, error: { tag: 'too-many-books', val: MAX_BOOKS + 1 } });
  });

  it('pages through the catalogue in id order, each page saying where the next starts', () => {
    const { catalog } = fresh();
    for (let i = 0; i < 5; i++) catalog.addBook(writer, { title: `Book ${i}`, author: 'Anon' });
    const first = catalog.listBooks(5, undefined);
    expect(first.ok && first.value.entries.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(first.ok && first.value.next).toBe(5);
    const second = catalog.listBooks(5, 5);
    expect(second.ok && second.value.entries.map((e) => e.id)).toEqual([6, 7, 8, 9, 10]);
    expect(second.ok && second.value.next).toBe(10);
    expect(catalog.listBooks(5, 10)).toEqual({
      ok: true,
      value: {
        entries: [entry(11, 1, { title: 'Book 3', author: 'Anon' }), entry(12, 1, { title: 'Book 4', author: 'Anon' })],
        next: undefined,
      },
    });
    expect(catalog.listBooks(0, undefined)).toEqual({ ok: false, error: { tag: 'invalid-limit', val: 0 } });
    expect(catalog.listBooks(MAX_PAGE + 1, undefined)).toEqual({ ok: false, error: { tag: 'invalid-limit', val: MAX_PAGE + 1 } });
  });

  it('adds a book under the next id, version 1, and hands it back', () => {
    const { catalog } = fresh();
    expect(catalog.addBook(writer, PIRANESI)).toEqual({ ok: true, value: entry(8, 1, PIRANESI) });
    expect(catalog.addBook(writer, PIRANESI)).toEqual({ ok: true, value: entry(9, 1, PIRANESI) });
    expect(catalog.getBook(9)).toEqual({ ok: true, value: entry(9, 1, PIRANESI) });
    expect(catalog.getBook(10)).toEqual({ ok: false, error: { tag: 'not-found', val: 10 } });
  });

  it.each([
    [undefined, 'missing'],
    ['Basic b3Blbi1zZXNhbWU=', 'malformed'],
    ['Bearer', 'malformed'],
    ['Bearer open-sesame!', 'wrong'],
    ['Bearer open-sesam', 'wrong'],
    ['Bearer OPEN-SESAME', 'wrong'],
  ] as const)('refuses a write with Authorization %s: %s', (authorization, why) => {
    const { store, catalog } = fresh();
    const before = [...store.data];
    const caller = { requestId: 'test', authorization };
    for (const result of [
      catalog.addBook(caller, PIRANESI),
      catalog.updateBook(caller, 1, PIRANESI, 1),
      catalog.removeBook(caller, 1, 1),
    ]) {
      expect(result).toEqual({ ok: false, error: { tag: 'unauthorized', val: why } });
    }
    expect([...store.data]).toEqual(before);
  });

  it('takes the scheme in any case and the token after any spaces', () => {
    const { catalog } = fresh();
    expect(catalog.addBook({ requestId: 't', authorization: `bearer   ${TOKEN}` }, PIRANESI).ok).toBe(true);
  });

  it('takes no writes, and says why, when the token is not set or cannot be read; reads go on', () => {
    expect(fresh(() => undefined).catalog.addBook(writer, PIRANESI)).toEqual({
      ok: false,
      error: { tag: 'unavailable', val: 'writes need the variable api_token, which is not set' },
    });
    const denied = fresh(() => {
      throw new Error('access denied');
    }).catalog;
    expect(denied.addBook(writer, PIRANESI)).toEqual({
      ok: false,
      error: { tag: 'unavailable', val: 'writes need the variable api_token, which cannot be read here (access denied)' },
    });
    expect(denied.bookOfTheDay(0)).toEqual({ ok: true, value: WEEK[0] });
  });

  it.each([
    [{ title: ' ', author: 'A' }, 'title', 'title must not be empty'],
    [{ title: 'T', author: '' }, 'author', 'author must not be empty'],
    [{ title: 'x'.repeat(MAX_FIELD + 1), author: 'A' }, 'title', `title must be at most ${MAX_FIELD} characters, got ${MAX_FIELD + 1}`],
    [{ title: 'T', author: 'line\nbreak' }, 'author', 'author must not hold control characters'],
  ])('refuses a book that is not fit to store, naming the field: %j', (book, field, reason) => {
    const { catalog } = fresh();
    expect(catalog.addBook(writer, book)).toEqual({ ok: false, error: { tag: 'invalid-book', val: { field, reason } } });
    expect(catalog.updateBook(writer, 1, book, undefined)).toEqual({ ok: false, error: { tag: 'invalid-book', val: { field, reason } } });
  });

  it('counts characters, not UTF-16 units: an emoji title of MAX_FIELD characters is fit', () => {
    expect(fresh().catalog.addBook(writer, { title: '📚'.repeat(MAX_FIELD), author: 'A' }).ok).toBe(true);
  });

  it('updates a book only at the version named, or at any with none', () => {
    const { catalog } = fresh();
    expect(catalog.updateBook(writer, 2, PIRANESI, 2)).toEqual({ ok: false, error: { tag: 'version-mismatch', val: 1 } });
    expect(catalog.updateBook(writer, 2, PIRANESI, 1)).toEqual({ ok: true, value: entry(2, 2, PIRANESI) });
    expect(catalog.updateBook(writer, 2, WEEK[1], undefined)).toEqual({ ok: true, value: entry(2, 3, WEEK[1]) });
    expect(catalog.updateBook(writer, 99, PIRANESI, undefined)).toEqual({ ok: false, error: { tag: 'not-found', val: 99 } });
  });

  it('lets one of two writers naming the same version win; the other is told the version that won', () => {
    const { store, catalog } = fresh();
    catalog.getBook(3);
    let raced = false;
    store.before = (operation) => {
      if (operation !== 'swap' || raced) return;
      raced = true;
      expect(catalog.updateBook(writer, 3, { title: 'First', author: 'Writer' }, 1)).toMatchObject({ ok: true, value: { version: 2 } });
    };
    expect(catalog.updateBook(writer, 3, { title: 'Second', author: 'Writer' }, 1)).toEqual({
      ok: false,
      error: { tag: 'version-mismatch', val: 2 },
    });
    expect(catalog.getBook(3)).toEqual({ ok: true, value: entry(3, 2, { title: 'First', author: 'Writer' }) });
  });

  it('removes a book, at the version named if one is', () => {
    const { catalog } = fresh();
    expect(catalog.removeBook(writer, 6, 2)).toEqual({ ok: false, error: { tag: 'version-mismatch', val: 1 } });
    expect(catalog.removeBook(writer, 6, 1)).toEqual({ ok: true, value: undefined });
    expect(catalog.getBook(6)).toEqual({ ok: false, error: { tag: 'not-found', val: 6 } });
    expect(catalog.removeBook(writer, 6, undefined)).toEqual({ ok: false, error: { tag: 'not-found', val: 6 } });
  });

  it('says the catalogue is unavailable, and why, when the store fails', () => {
    const { store, catalog } = fresh();
    store.before = () => {
      throw new StoreError('reading book:1 failed: access-denied');
    };
    expect(catalog.getBook(1)).toEqual({ ok: false, error: { tag: 'unavailable', val: 'reading book:1 failed: access-denied' } });
    expect(catalog.addBook(writer, PIRANESI)).toMatchObject({ ok: false, error: { tag: 'unavailable' } });
  });
});

describe('credentials', () => {
  it('compares tokens byte for byte, whatever their lengths', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(sameBytes(bytes('abc'), bytes('abc'))).toBe(true);
    expect(sameBytes(bytes('abc'), bytes('abd'))).toBe(false);
    expect(sameBytes(bytes('abc'), bytes('abcd'))).toBe(false);
    expect(sameBytes(bytes(''), bytes(''))).toBe(true);
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
  const request = (path: string, method = 'GET') => ({
    method,
    path,
    query: new URLSearchParams(),
    headers: new Map(),
    body: new Uint8Array(),
  });
  const handle = router(
    {
      '/ok': { GET: () => ({ status: 200, headers: {}, body: 'fine' }) },
      '/books/:id': { GET: (_request, params) => ({ status: 200, headers: {}, body: `book ${params.id}` }) },
      '/books/new': { GET: () => ({ status: 200, headers: {}, body: 'the form' }) },
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

  it('takes :name segments as params, an exact path first, and never an empty segment', () => {
    expect(handle(request('/books/7'))).toMatchObject({ body: 'book 7' });
    expect(handle(request('/books/new'))).toMatchObject({ body: 'the form' });
    expect(handle(request('/books/'))).toMatchObject({ status: 404 });
    expect(handle(request('/books/7/more'))).toMatchObject({ status: 404 });
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
