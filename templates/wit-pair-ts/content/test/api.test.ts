// {{api-name}}'s domain and its JSON face on Node, over a store kept in a Map,
// through StarlingMonkey's face (serve.ts) and QuickJS's (plain-http.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpFace } from '../api/http.js';
import { MAX_BODY } from '../shared/http.js';
import { plainHttpFor } from '../shared/plain-http.js';
import { respond } from '../shared/serve.js';
import { bearer, freshCatalogue, TOKEN, testHost } from './support.js';

type Asked = { status: number; headers: Record<string, string>; body: unknown };

/** A fresh API, asked as the fetch event asks it: a body as JSON (a string as it is), and the answer's. */
function api(token = TOKEN) {
  const handle = httpFace(freshCatalogue(token), testHost());
  return async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Asked> => {
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json', ...headers };
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await respond(new Request(`http://api${path}`, init), handle);
    const answer = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), body: answer === '' ? undefined : JSON.parse(answer) };
  };
}

const BOOK = { title: 'My Ántonia', author: 'Willa Cather' };

test('a write with the token is stored (201, Location) and read back; without it, 401 with a challenge', async () => {
  const ask = api();
  const refused = await ask('POST', '/api/books', {}, BOOK);
  assert.equal(refused.status, 401);
  assert.equal(refused.headers['www-authenticate'], 'Bearer realm="{{api-name}}"');
  assert.deepEqual(refused.body, { error: 'this write needs an Authorization header: Bearer <token>' });
  const wrong = await ask('POST', '/api/books', { authorization: 'Bearer not-it' }, BOOK);
  assert.equal(wrong.headers['www-authenticate'], 'Bearer realm="{{api-name}}", error="invalid_token"');

  const added = await ask('POST', '/api/books', bearer, BOOK);
  assert.equal(added.status, 201);
  assert.equal(added.headers.location, '/api/books/1');
  assert.deepEqual(added.body, { id: 1, ...BOOK });
  assert.deepEqual((await ask('GET', '/api/books/1')).body, { id: 1, ...BOOK });
  assert.deepEqual((await ask('GET', '/api/books')).body, { books: [{ id: 1, ...BOOK }], next: null });
});

test('a page is in id order, and says where the next one starts', async () => {
  const ask = api();
  for (const title of ['One', 'Two', 'Three']) await ask('POST', '/api/books', bearer, { title, author: 'A' });
  const first = await ask('GET', '/api/books?limit=2');
  assert.deepEqual(first.body, {
    books: [
      { id: 1, title: 'One', author: 'A' },
      { id: 2, title: 'Two', author: 'A' },
    ],
    next: 2,
  });
  assert.deepEqual((await ask('GET', '/api/books?limit=2&after=2')).body, { books: [{ id: 3, title: 'Three', author: 'A' }], next: null });
  assert.deepEqual((await ask('GET', '/api/books?limit=0')).body, {
    error: 'query parameter "limit" must be from 1 to 100, got "0"',
    parameter: 'limit',
  });
  assert.deepEqual((await ask('GET', '/api/books?after=x')).body, {
    error: 'query parameter "after" must be a whole number, got "x"',
    parameter: 'after',
  });
});

test('removal needs the token too: 204, then 404', async () => {
  const ask = api();
  await ask('POST', '/api/books', bearer, BOOK);
  assert.equal((await ask('DELETE', '/api/books/1')).status, 401);
  assert.equal(
    (await ask('DELETE', '/api/books/1', { authorization: 'Basic x' })).headers['www-authenticate'],
    'Bearer realm="{{api-name}}", error="invalid_request"',
  );
  const removed = await ask('DELETE', '/api/books/1', bearer);
  assert.deepEqual([removed.status, removed.body], [204, undefined]);
  assert.deepEqual(await ask('GET', '/api/books/1').then((a) => [a.status, a.body]), [404, { error: 'no book 1' }]);
  assert.equal((await ask('DELETE', '/api/books/1', bearer)).status, 404);
  // An id is never given twice.
  assert.equal((await ask('POST', '/api/books', bearer, BOOK)).headers.location, '/api/books/2');
});

test('a body that is not a book is refused, naming the field at fault', async () => {
  const ask = api();
  const refusal = async (body: unknown, headers: Record<string, string> = {}) => {
    const asked = await ask('POST', '/api/books', { ...bearer, ...headers }, body);
    return [asked.status, asked.body];
  };
  assert.deepEqual(await refusal({ title: 'T' }), [400, { error: 'author is missing', field: 'author' }]);
  assert.deepEqual(await refusal({ title: 'T', author: 7 }), [400, { error: 'author must be a string', field: 'author' }]);
  assert.deepEqual(await refusal({ ...BOOK, year: 1918 }), [
    400,
    { error: '"year" is not a field of a book, which has a title and an author', field: 'year' },
  ]);
  assert.deepEqual(await refusal({ title: ' ', author: 'A' }), [400, { error: 'title must not be empty', field: 'title' }]);
  assert.deepEqual(await refusal({ title: 'x'.repeat(201), author: 'A' }), [
    400,
    { error: 'title must be at most 200 characters, got 201', field: 'title' },
  ]);
  assert.deepEqual(await refusal({ title: 'a\tb', author: 'A' }), [
    400,
    { error: 'title must not hold control characters', field: 'title' },
  ]);
  assert.deepEqual(await refusal('{"title":'), [400, { error: 'the body is not valid JSON' }]);
  assert.deepEqual(await refusal(BOOK, { 'content-type': 'text/plain' }), [
    415,
    { error: 'the body must be application/json (UTF-8), not "text/plain"' },
  ]);
});

test('a body past the limit is 413 on both faces, the fetch event and plain-http', async () => {
  const big = JSON.stringify({ title: 'x'.repeat(MAX_BODY), author: 'A' });
  const ask = api();
  assert.equal((await ask('POST', '/api/books', bearer, big)).status, 413);
  const plain = plainHttpFor(httpFace(freshCatalogue(), testHost()));
  const headers: [string, Uint8Array][] = [['content-type', new TextEncoder().encode('application/json')]];
  const reply = plain.handle({ method: 'POST', target: '/api/books', headers, body: new TextEncoder().encode(big) });
  assert.equal(reply.status, 413);
  assert.equal(new TextDecoder().decode(reply.body), `{"error":"the body must be at most ${MAX_BODY} bytes"}`);
});

test('an unknown path is 404; a known one asked with another method, 405 with Allow', async () => {
  const ask = api();
  assert.deepEqual((await ask('GET', '/api')).body, { error: 'no route for /api; the API serves /api/books' });
  const put = await ask('PUT', '/api/books/1', bearer, BOOK);
  assert.deepEqual([put.status, put.headers.allow], [405, 'GET, DELETE']);
  assert.deepEqual([(await ask('PATCH', '/api/books')).headers.allow], ['GET, POST']);
  assert.deepEqual((await ask('GET', '/api/books/one')).body, { error: 'a book\'s id is a whole number from 1, got "one"' });
});

test('without the variable, reads are served and writes are unavailable (503)', async () => {
  const ask = api('');
  assert.equal((await ask('GET', '/api/books')).status, 200);
  assert.deepEqual(await ask('POST', '/api/books', bearer, BOOK).then((a) => [a.status, a.body]), [
    503,
    { error: 'the catalogue is unavailable: writes need the variable api_token, which is not set' },
  ]);
});

test('every answer carries the request id: the one sent, or one made', async () => {
  const ask = api();
  assert.equal((await ask('GET', '/api/books', { 'x-request-id': 'abc-1' })).headers['x-request-id'], 'abc-1');
  assert.equal((await ask('GET', '/api/books')).headers['x-request-id'], '0001020304050607');
});
