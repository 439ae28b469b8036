// {{frontend-name}} on Node, fed by each face of {{api-name}}: the same answers,
// byte for byte, whichever way the books come, for reads, writes with and
// without the token, and each refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { httpFace } from '../api/http.js';
import { witFace } from '../api/wit.js';
import { frontend } from '../frontend/app.js';
import { httpSource } from '../frontend/http-source.js';
import type { Source } from '../frontend/source.js';
import { witSource } from '../frontend/wit-source.js';
import { respond } from '../shared/serve.js';
import { bearer, freshCatalogue, testHost } from './support.js';

/** Over HTTP: the frontend's fetch answered by the API's JSON face. */
const overHttp = (): Source => {
  const api = httpFace(freshCatalogue(), testHost());
  return httpSource('http://api/api', (url, init) => respond(new Request(url, init), api));
};

/** Over WIT: the export as an import sees it, the `err` case of a result thrown as the payload of an error, as componentize-js throws it. */
const overWit = (): Source => {
  const exported = witFace(freshCatalogue(), testHost());
  const imported = Object.fromEntries(
    Object.entries(exported).map(([name, call]) => [
      name,
      (...args: never[]) => {
        try {
          return (call as (...args: never[]) => unknown)(...args);
        } catch (payload) {
          throw Object.assign(new Error(`${name} failed`), { payload });
        }
      },
    ]),
  ) as typeof exported;
  return witSource(imported);
};

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };

/** What a client does, in order, as Spin hands it to the frontend under the route /books/.... */
const SCRIPT: [string, string, Record<string, string>, string?][] = [
  ['GET', '/', {}],
  ['POST', '/', form, 'title=My+%C3%81ntonia&author=Willa+Cather'],
  ['POST', '/', { ...form, authorization: 'Bearer wrong' }, 'title=T&author=A'],
  ['POST', '/', { ...form, ...bearer }, 'title=My+%C3%81ntonia&author=Willa+Cather'],
  ['POST', '/', { ...json, ...bearer }, JSON.stringify({ title: 'The Hobbit', author: 'J.R.R. Tolkien' })],
  ['POST', '/', { ...json, ...bearer }, JSON.stringify({ title: '', author: 'A' })],
  ['GET', '/1', {}],
  ['GET', '/?limit=1', {}],
  ['GET', '/?limit=1000', {}],
  ['DELETE', '/1', {}],
  ['DELETE', '/1', bearer],
  ['GET', '/1', {}],
  ['GET', '/', {}],
  ['GET', '/?after=2', {}],
  ['PUT', '/2', {}],
];

async function play(source: Source): Promise<string[]> {
  const handle = frontend(source, testHost());
  const answers: string[] = [];
  for (const [method, path, headers, body] of SCRIPT) {
    const routed = { ...headers, 'spin-path-info': path.split('?')[0], 'spin-component-route': '/books' };
    const response = await respond(new Request(`http://app/books${path}`, { method, headers: routed, body }), handle);
    const shown = ['location', 'www-authenticate', 'allow'].flatMap((name) =>
      response.headers.has(name) ? [`${name}: ${response.headers.get(name)}`] : [],
    );
    answers.push([response.status, ...shown, await response.text()].join(' | '));
  }
  return answers;
}

test('the frontend answers the same over HTTP and over WIT', async () => {
  assert.deepEqual(await play(overHttp()), await play(overWit()));
});

test('the frontend passes the token on, and the API decides', async () => {
  assert.deepEqual(await play(overWit()), [
    '200 | No books yet.',
    '401 | www-authenticate: Bearer realm="{{api-name}}" | this write needs an Authorization header: Bearer <token>',
    '401 | www-authenticate: Bearer realm="{{api-name}}", error="invalid_token" | the token is not the one this API takes',
    '201 | location: /books/1 | Added 1. _My Ántonia_ by Willa Cather',
    '201 | location: /books/2 | Added 2. _The Hobbit_ by J.R.R. Tolkien',
    '400 | title must not be empty',
    '200 | 1. _My Ántonia_ by Willa Cather',
    '200 | 1. _My Ántonia_ by Willa Cather\nMore: /books/?limit=1&after=1',
    '400 | query parameter "limit" must be from 1 to 100, got "1000"',
    '401 | www-authenticate: Bearer realm="{{api-name}}" | this write needs an Authorization header: Bearer <token>',
    '200 | Removed book 1',
    '404 | no book 1',
    '200 | 2. _The Hobbit_ by J.R.R. Tolkien',
    '200 | No books after 2.',
    '405 | allow: GET, DELETE | PUT is not allowed here; use GET, DELETE',
  ]);
});

test('the request id goes on to the API, and both log it', async () => {
  const [frontHost, apiHost] = [testHost(), testHost()];
  const api = httpFace(freshCatalogue(), apiHost);
  const handle = frontend(
    httpSource('http://api/api', (url, init) => respond(new Request(url, init), api)),
    frontHost,
  );
  const response = await respond(new Request('http://app/', { headers: { 'x-request-id': 'req-7' } }), handle);
  assert.equal(response.headers.get('x-request-id'), 'req-7');
  assert.deepEqual([...frontHost.lines, ...apiHost.lines], ['{{frontend-name}} req-7 GET / 200', '{{api-name}} req-7 GET /api/books 200']);
});
