// The rules book-api's JSON face and the frontend share for a request
// (components/shared/): the body of a book, ids and versions, the request
// id, and each refusal's words, so that every face and wiring says the same.
import { describe, expect, it } from 'vitest';
import { readBook } from '../components/shared/book-body.js';
import { headerMap, type HttpRequest, MAX_BODY, TOO_LARGE } from '../components/shared/http.js';
import { refusalOf } from '../components/shared/refusal.js';
import { type Host, requestIdOf, withRequestId } from '../components/shared/request-id.js';
import { etag, readId, readPrecondition } from '../components/shared/versions.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

function post(body: string | typeof TOO_LARGE, type: string | null = 'application/json'): HttpRequest {
  return {
    method: 'POST',
    path: '/books',
    query: new URLSearchParams(),
    headers: headerMap(type === null ? [] : [['Content-Type', type]]),
    body: body === TOO_LARGE ? TOO_LARGE : utf8(body),
  };
}

const JSON_ONLY = ['application/json'] as const;
const JSON_OR_FORM = ['application/json', 'application/x-www-form-urlencoded'] as const;

describe('a book in a body', () => {
  it('is read from JSON, and from a form where one is taken', () => {
    const book = { title: 'Piranesi', author: 'Susanna Clarke' };
    expect(readBook(post(JSON.stringify(book)), JSON_ONLY)).toEqual({ ok: true, book });
    expect(readBook(post('title=Piranesi&author=Susanna+Clarke', 'application/x-www-form-urlencoded'), JSON_OR_FORM)).toEqual({
      ok: true,
      book,
    });
    expect(readBook(post(JSON.stringify(book), 'Application/JSON; charset=UTF-8'), JSON_ONLY)).toEqual({ ok: true, book });
  });

  it.each([
    ['text', post('{}', 'text/plain'), 415, 'the body must be application/json (UTF-8), not "text/plain"'],
    ['no type', post('{}', null), 415, 'the body must be application/json (UTF-8), not untyped'],
    [
      'latin1',
      post('{}', 'application/json; charset=latin1'),
      415,
      'the body must be application/json (UTF-8), not "application/json; charset=latin1"',
    ],
    [
      'a form',
      post('title=x&author=y', 'application/x-www-form-urlencoded'),
      415,
      'the body must be application/json (UTF-8), not "application/x-www-form-urlencoded"',
    ],
    ['too long', post(TOO_LARGE), 413, `the body must be at most ${MAX_BODY} bytes`],
    ['not JSON', post('{"title": "x",'), 400, 'the body is not valid JSON'],
    ['a list', post('[]'), 400, 'the body must be a JSON object with a title and an author'],
    ['null', post('null'), 400, 'the body must be a JSON object with a title and an author'],
  ] as const)('is refused when %s', (_case, request, status, message) => {
    expect(readBook(request, JSON_ONLY)).toEqual({ ok: false, refusal: { status, message } });
  });

  it.each([
    ['{"author":"A"}', 'title', 'title is missing'],
    ['{"title":"T"}', 'author', 'author is missing'],
    ['{"title":7,"author":"A"}', 'title', 'title must be a string'],
    ['{"title":"T","author":null}', 'author', 'author must be a string'],
    ['{"title":"T","author":"A","year":1987}', 'year', '"year" is not a field of a book, which has a title and an author'],
  ])('names the field at fault in %s', (body, field, message) => {
    expect(readBook(post(body), JSON_ONLY)).toEqual({ ok: false, refusal: { status: 400, message, field } });
  });

  it.each([
    ['author=A', 'title', 'title is missing'],
    ['title=T&title=U&author=A', 'title', 'title is given 2 times'],
    ['title=T&author=A&isbn=1', 'isbn', '"isbn" is not a field of a book, which has a title and an author'],
  ])('names the field at fault in the form %s', (body, field, message) => {
    expect(readBook(post(body, 'application/x-www-form-urlencoded'), JSON_OR_FORM)).toEqual({
      ok: false,
      refusal: { status: 400, message, field },
    });
  });

  it('decodes UTF-8, ill-formed bytes as U+FFFD, as TextDecoder does', () => {
    const request = { ...post(''), body: Uint8Array.from([...utf8('{"title":"'), 0xff, ...utf8('","author":"Carré"}')]) };
    expect(readBook(request, JSON_ONLY)).toEqual({ ok: true, book: { title: '\ufffd', author: 'Carré' } });
  });
});

describe('ids and versions', () => {
  it('reads a book id, and refuses what is not one', () => {
    expect(readId('42')).toEqual({ ok: true, id: 42 });
    for (const segment of ['0', '007', '-1', '1.5', 'abc', '1234567890', '']) {
      expect(readId(segment)).toEqual({
        ok: false,
        refusal: { status: 400, message: `a book's id is a whole number from 1, not ${JSON.stringify(segment)}` },
      });
    }
  });

  it('reads If-Match as one ETag or *, requires it to replace a book, and refuses a list', () => {
    const headers = (value?: string) => headerMap(value === undefined ? [] : [['If-Match', value]]);
    expect(readPrecondition(headers(etag(3)), true)).toEqual({ ok: true, version: 3 });
    expect(readPrecondition(headers(' * '), true)).toEqual({ ok: true, version: undefined });
    expect(readPrecondition(headers(), false)).toEqual({ ok: true, version: undefined });
    expect(readPrecondition(headers(), true)).toEqual({
      ok: false,
      refusal: { status: 428, message: 'a write to a book needs If-Match with the ETag it replaces, or *' },
    });
    for (const value of ['3', 'W/"3"', '"3", "4"', '"0"']) {
      expect(readPrecondition(headers(value), false)).toMatchObject({ ok: false, refusal: { status: 400 } });
    }
  });
});

describe('the request id', () => {
  const lines: string[] = [];
  const host: Host = { randomBytes: (count) => Uint8Array.from({ length: count }, (_, i) => i * 17), log: (line) => lines.push(line) };

  it("is the one the client sent when fit to log, one made from the host's randomness when none, refused when unfit", () => {
    expect(requestIdOf(headerMap([['X-Request-Id', 'abc-123']]), host)).toEqual({ ok: true, id: 'abc-123' });
    expect(requestIdOf(headerMap([]), host)).toEqual({ ok: true, id: '0011223344556677' });
    expect(requestIdOf(headerMap([['x-request-id', 'a b']]), host)).toEqual({
      ok: false,
      message: 'x-request-id must be 1 to 128 visible ASCII characters, got "a b"',
    });
    expect(requestIdOf(headerMap([['x-request-id', 'x'.repeat(129)]]), host).ok).toBe(false);
  });

  it('goes back with the answer and into the log line', () => {
    lines.length = 0;
    const handle = withRequestId(
      host,
      'book-api',
      (status, body) => ({ status, headers: {}, body }),
      () => () => ({ status: 204, headers: {}, body: '' }),
    );
    const reply = handle({ ...post('', null), method: 'DELETE', path: '/api/books/3', headers: headerMap([['x-request-id', 'r1']]) });
    expect(reply).toEqual({ status: 204, headers: { 'x-request-id': 'r1' }, body: '' });
    expect(lines).toEqual(['book-api r1 DELETE /api/books/3 204']);
  });
});

describe('refusals', () => {
  it("say each of the catalogue's errors in one status and one sentence, with what a client needs to go on", () => {
    expect(refusalOf({ tag: 'unauthorized', val: 'missing' })).toEqual({
      status: 401,
      message: 'this write needs an Authorization header: Bearer <token>',
      headers: { 'www-authenticate': 'Bearer realm="book-api"' },
    });
    expect(refusalOf({ tag: 'unauthorized', val: 'wrong' }).headers).toEqual({
      'www-authenticate': 'Bearer realm="book-api", error="invalid_token"',
    });
    expect(refusalOf({ tag: 'version-mismatch', val: 4 })).toEqual({
      status: 412,
      message: 'the book is at version 4, not the one If-Match names',
      headers: { etag: '"4"' },
    });
    expect(refusalOf({ tag: 'invalid-book', val: { field: 'title', reason: 'title must not be empty' } })).toEqual({
      status: 400,
      message: 'title must not be empty',
      field: 'title',
    });
    expect(refusalOf({ tag: 'not-found', val: 9 })).toEqual({ status: 404, message: 'no book 9' });
    expect(refusalOf({ tag: 'unavailable', val: 'why' })).toEqual({
      status: 503,
      message: 'the catalogue is unavailable: why',
      headers: { 'retry-after': '1' },
    });
  });
});
