// The Python frontend against the TypeScript one, as built: every route, its
// successes, refusals and failures, asked of both with the same upstream
// stand-in (a fake book-api over HTTP for frontend-py-http and frontend-http,
// a fake catalog import for frontend-py-wit and frontend-wit), must answer
// with the same bytes: status, headers, body, the log line, and what each
// asked of book-api. Stand-ins, not book-api itself: it needs a key-value
// store, and a stand-in can answer what book-api never would.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import type { Book, CatalogError, Entry } from 'bookserver:books/catalog@0.1.0';
import { refusalOf } from '../components/shared/refusal.js';
import type { Component, HostOptions, HttpRequest, HttpResponse, OutboundResult } from '../runtime/index.js';
import { get, loadBuilt, WEEK } from './support/http.js';

const BOOK_API_URL = 'http://book-api.spin.internal/api';
const TOKEN = 'Bearer secret';

/**
 * book-api's catalogue in a few lines: the week's seven books, writes checked
 * against TOKEN, and each call recorded. `fail` makes every call fail with it.
 */
class FakeCatalogue {
  readonly calls: unknown[] = [];
  readonly books = new Map<number, Entry>(WEEK.map((book, at) => [at + 1, { id: at + 1, version: 1, book }]));

  constructor(private readonly fail?: CatalogError) {}

  private call<T>(name: string, args: unknown[], body: () => T): T {
    this.calls.push([name, ...args]);
    if (this.fail) throw this.fail;
    return body();
  }

  private check(caller: Catalog.Caller, book?: Book): void {
    const given = caller.authorization;
    if (given === undefined) throw { tag: 'unauthorized', val: 'missing' };
    if (!given.startsWith('Bearer ')) throw { tag: 'unauthorized', val: 'malformed' };
    if (given !== TOKEN) throw { tag: 'unauthorized', val: 'wrong' };
    if (book?.title === '') throw { tag: 'invalid-book', val: { field: 'title', reason: 'title must not be empty' } };
  }

  private entry(id: number, version: number | undefined): Entry {
    const entry = this.books.get(id);
    if (!entry) throw { tag: 'not-found', val: id };
    if (version !== undefined && version !== entry.version) throw { tag: 'version-mismatch', val: entry.version };
    return entry;
  }

  /** The catalog import, as jco hands a guest its host's functions. */
  readonly wit: typeof Catalog = {
    today: () => 1,
    bookOfTheDay: (caller, day) =>
      this.call('book-of-the-day', [caller, day], () => {
        if (day > 6) throw { tag: 'invalid-weekday', val: day };
        return WEEK[day];
      }),
    books: (caller, count) =>
      this.call('books', [caller, count], () => {
        if (count > 100_000) throw { tag: 'too-many-books', val: count };
        return Array.from({ length: count }, (_, at) => WEEK[at % 7]);
      }),
    listBooks: (caller, limit, after) =>
      this.call('list-books', [caller, limit, after], () => {
        if (limit < 1 || limit > 100) throw { tag: 'invalid-limit', val: limit };
        const after_ = [...this.books.values()].filter((entry) => entry.id > (after ?? 0));
        const entries = after_.slice(0, limit);
        return { entries, next: after_.length > limit ? entries[entries.length - 1].id : undefined };
      }),
    getBook: (caller, id) => this.call('get-book', [caller, id], () => this.entry(id, undefined)),
    addBook: (caller, book) =>
      this.call('add-book', [caller, book], () => {
        this.check(caller, book);
        const entry = { id: Math.max(...this.books.keys()) + 1, version: 1, book };
        this.books.set(entry.id, entry);
        return entry;
      }),
    updateBook: (caller, id, book, version) =>
      this.call('update-book', [caller, id, book, version], () => {
        this.check(caller, book);
        const entry = { id, version: this.entry(id, version).version + 1, book };
        this.books.set(id, entry);
        return entry;
      }),
    removeBook: (caller, id, version) =>
      this.call('remove-book', [caller, id, version], () => {
        this.check(caller);
        this.entry(id, version);
        this.books.delete(id);
      }),
  };

  /** book-api's HTTP face over the same catalogue, as components/book-api/src/http.ts answers. */
  answer(request: HttpRequest): HttpResponse {
    const url = new URL(`http://${request.authority}${request.pathWithQuery}`);
    const headers = new Map(request.headers.map(([name, value]) => [name.toLowerCase(), value]));
    const caller = { requestId: headers.get('x-request-id') ?? '-', authorization: headers.get('authorization') };
    const ifMatch = headers.get('if-match');
    const version = ifMatch === undefined || ifMatch === '*' ? undefined : Number(ifMatch.slice(1, -1));
    const number = (name: string) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : undefined);
    const body = () => JSON.parse(Buffer.from(request.body).toString()) as Book;
    const entryJson = ({ id, version, book }: Entry) => ({ id, title: book.title, author: book.author, version });
    const route = `${request.method} ${url.pathname.replace(/^\/api/, '').replace(/\/\d+$/, '/:id')}`;
    const id = Number(url.pathname.split('/').at(-1));
    try {
      switch (route) {
        case 'GET ':
          return json(200, this.wit.bookOfTheDay(caller, number('weekday') ?? this.wit.today()));
        case 'GET /week':
          return json(200, this.wit.books(caller, number('count') ?? 7));
        case 'GET /books': {
          const page = this.wit.listBooks(caller, number('limit') ?? 20, number('cursor'));
          return json(200, { books: page.entries.map(entryJson), next: page.next ?? null });
        }
        case 'POST /books': {
          const entry = this.wit.addBook(caller, body());
          return json(201, entryJson(entry), { location: `/api/books/${entry.id}`, etag: `"${entry.version}"` });
        }
        case 'GET /books/:id': {
          const entry = this.wit.getBook(caller, id);
          return json(200, entryJson(entry), { etag: `"${entry.version}"` });
        }
        case 'PUT /books/:id': {
          const entry = this.wit.updateBook(caller, id, body(), version);
          return json(200, entryJson(entry), { etag: `"${entry.version}"` });
        }
        case 'DELETE /books/:id':
          this.wit.removeBook(caller, id, version);
          return { status: 204, headers: [], body: new Uint8Array() };
        default:
          return json(404, { error: `no route for ${url.pathname}` });
      }
    } catch (thrown) {
      const { status, message, parameter, field, headers } = refusalOf(thrown as CatalogError);
      return json(status, { error: message, ...(parameter && { parameter }), ...(field && { field }) }, headers);
    }
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: [['content-type', 'application/json'], ...Object.entries(headers)], body: Buffer.from(JSON.stringify(body)) };
}

function raw(status: number, body: string, headers: [string, string][] = []): HttpResponse {
  return { status, headers, body: Buffer.from(body) };
}

/** What book-api is like for one request: the fake, failing with a catalog error, or (HTTP) answering `answer` instead. */
interface Upstream {
  fail?: CatalogError;
  /** The answer to the `call`th call (from 0), or undefined for the fake's; an error code's tag when nothing answers. */
  answer?: (call: number) => HttpResponse | string | undefined;
  /** book_api_url; undefined leaves it unset. */
  url?: string | undefined;
}

/** Fixed randomness: both languages make the same request id of it. */
const FIXED_RANDOM = {
  getRandomBytes: (count: bigint) => Uint8Array.from({ length: Number(count) }, (_, at) => 0xa0 + at),
  getRandomU64: () => 42n,
};

interface Observed {
  status: number;
  headers: [string, string][];
  body: string;
  bytes: string;
  log: string[];
  upstream: unknown[];
}

type Wiring = 'http' | 'wit';

/** What `component` answers to `request` with `upstream` behind it; the request id from `random`, or from the host's when null. */
function observe(
  component: Component,
  wiring: Wiring,
  request: HttpRequest,
  upstream: Upstream = {},
  random: typeof FIXED_RANDOM | null = FIXED_RANDOM,
): Observed {
  const catalogue = new FakeCatalogue(upstream.fail);
  const sent: unknown[] = [];
  const written: Buffer[] = [];
  const options: HostOptions = {
    stdout: (bytes) => written.push(Buffer.from(bytes)),
    imports: {
      ...(random && { 'wasi:random/random': random }),
      ...(wiring === 'wit' && { 'bookserver:books/catalog': catalogue.wit }),
    },
  };
  if (wiring === 'http') {
    const url = 'url' in upstream ? upstream.url : BOOK_API_URL;
    if (url !== undefined) options.variables = new Map([['book_api_url', url]]);
    options.outbound = (outgoing): OutboundResult => {
      const { method, scheme, authority, pathWithQuery, headers, body } = outgoing;
      const named = headers.map(([name, value]) => [name.toLowerCase(), value]);
      sent.push({ method, url: `${scheme}://${authority}${pathWithQuery}`, headers: named, body: Buffer.from(body).toString('latin1') });
      const answer = upstream.answer?.(sent.length - 1);
      if (typeof answer === 'string') return { ok: false, error: { tag: answer } as never };
      return { ok: true, response: answer ?? catalogue.answer(outgoing) };
    };
  }
  const response = component.serveOnce(request, options);
  const body = Buffer.from(response.body);
  return {
    status: response.status,
    headers: response.headers.map(([name, value]) => [name.toLowerCase(), value]),
    body: body.toString(),
    bytes: body.toString('hex'),
    log: Buffer.concat(written).toString().split('\n').slice(0, -1),
    upstream: wiring === 'http' ? sent : catalogue.calls,
  };
}

const send = (method: string, pathWithQuery: string, headers: [string, string][] = [], body = ''): HttpRequest =>
  get(pathWithQuery, {
    method,
    headers: body ? [...headers, ['content-length', String(Buffer.byteLength(body))]] : headers,
    body: Buffer.from(body),
  });
const asJson = (method: string, path: string, body: string, headers: [string, string][] = []) =>
  send(method, path, [['content-type', 'application/json'], ...headers], body);
const asForm = (method: string, path: string, body: string, headers: [string, string][] = []) =>
  send(method, path, [['content-type', 'application/x-www-form-urlencoded'], ...headers], body);
const auth: [string, string] = ['authorization', TOKEN];
const matching = (etag: string): [string, string] => ['if-match', etag];
const BOM_BODY = asJson('POST', '/books', '\uFEFF{"title":"A","author":"B"}', [auth]);
const LONE_SURROGATE_BODY = asJson('POST', '/books', '{"title":"\\ud800x\\ud83d\\udcd6","author":"B"}', [auth]);

type Case = [string, HttpRequest, Upstream?];

/** What both wirings are asked: the routes, and what the frontend or book-api refuses. */
const CASES: Case[] = [
  ['the page', get('/?weekday=3')],
  ["today's page", get('/')],
  ['the first of two weekdays, percent-encoded', get('/?weekday=%35&weekday=9')],
  ['a weekday past Saturday', get('/?weekday=7')],
  ['a weekday that is no number', get('/?weekday=%E2%82%AC%ZZ+x')],
  ['a weekday of ten digits', get('/?weekday=0000000001')],
  ['a weekday with a stray percent', get('/?weekday=1%')],
  ['a weekday without a value', get('/?weekday')],
  ['a weekday named after a byte order mark', get('/?%EF%BB%BFweekday=1')],
  ['a weekday after a nameless pair', get('/?=1&weekday=2')],
  ['bench', get('/bench?calls=3&count=10')],
  ['bench with the defaults', get('/bench')],
  ['bench with no calls', get('/bench?calls=0')],
  ['bench with a count that is no number', get('/bench?count=1e3')],
  ['bench with too many books', get('/bench?count=10001')],
  ['a page of the catalogue', get('/books?limit=3')],
  ['the next page', get('/books?limit=3&cursor=6')],
  ['the whole catalogue', get('/books')],
  ['a page past the end', get('/books?cursor=99')],
  ['a page of no books', get('/books?limit=0')],
  ['a page of too many', get('/books?limit=101')],
  ['a cursor that is no number', get('/books?cursor=-1')],
  ['a book', get('/books/4')],
  ['a book that is not there', get('/books/99')],
  ['an id of 0', get('/books/0')],
  ['an id with a leading zero', get('/books/04')],
  ['an id that is no number', get('/books/%22four%22')],
  ['no id', get('/books/')],
  ['a percent-encoded id', get('/books/%34')],
  ['a path of two slashes', get('//books')],
  ['HEAD', send('HEAD', '/books/4')],
  ['a path below a book', get('/books/4/title')],
  ['an unknown path', get('/nope')],
  ['another method', send('POST', '/')],
  ['another method on the catalogue', send('PATCH', '/books')],
  ['another method on a book', send('POST', '/books/4')],
  ['a method named like an object member', send('toString', '/books/4')],
  ['an add as JSON', asJson('POST', '/books', '{"title":"Middlemarch","author":"George Eliot"}', [auth])],
  ['an add as a form', asForm('POST', '/books', 'title=Le+Rouge+et+le+Noir&author=Stendhal%20%E2%9C%93', [auth])],
  [
    'an add with a charset',
    send('POST', '/books', [auth, ['content-type', 'Application/JSON ; Charset="UTF-8"']], '{"author":"B","title":"A"}'),
  ],
  ['an add with a type among spaces', send('POST', '/books', [auth, ['content-type', ' application/json ']], '{"title":"A","author":"B"}')],
  ['an add of a form with a percent-encoded byte order mark', asForm('POST', '/books', '%EF%BB%BFtitle=A&author=B', [auth])],
  [
    'an add with credentials sent twice',
    asJson('POST', '/books', '{"title":"A","author":"B"}', [auth, ['authorization', 'Bearer \u00e9']]),
  ],
  ['an add with two types', asJson('POST', '/books', '{"title":"A","author":"B"}', [auth, ['content-type', 'application/json']])],
  ['an add without credentials', asJson('POST', '/books', '{"title":"A","author":"B"}')],
  ['an add with credentials of another scheme', asJson('POST', '/books', '{"title":"A","author":"B"}', [['authorization', 'Basic eDp5']])],
  ['an add with the wrong token', asJson('POST', '/books', '{"title":"A","author":"B"}', [['authorization', 'Bearer guess']])],
  ['an add of a book book-api refuses', asJson('POST', '/books', '{"title":"","author":"B"}', [auth])],
  ['an add of no type', send('POST', '/books', [auth], '{"title":"A","author":"B"}')],
  ['an add of another type', send('POST', '/books', [auth, ['content-type', 'text/plain']], 'A by B')],
  ['an add in another charset', send('POST', '/books', [auth, ['content-type', 'application/json; charset=latin1']], '{}')],
  ['an add too large', asJson('POST', '/books', `{"title":"${'x'.repeat(16_384)}","author":"B"}`, [auth])],
  [
    'an add too large, its length unsaid',
    get('/books', { method: 'POST', headers: [auth, ['content-type', 'application/json']], body: Buffer.alloc(16_385, 32) }),
  ],
  [
    'an add of the most there may be',
    get('/books', {
      method: 'POST',
      headers: [auth, ['content-type', 'application/json']],
      body: Buffer.from(`{"title":"A","author":"B"}${' '.repeat(16_384 - 26)}`),
    }),
  ],
  ['an add of invalid JSON', asJson('POST', '/books', '{"title":"A",}', [auth])],
  ['an add of NaN', asJson('POST', '/books', 'NaN', [auth])],
  ['an add of an array', asJson('POST', '/books', '[]', [auth])],
  ['an add without a title', asJson('POST', '/books', '{"author":"B"}', [auth])],
  ['an add with an author that is no string', asJson('POST', '/books', '{"title":"A","author":7}', [auth])],
  ['an add with a field too many', asJson('POST', '/books', '{"title":"A","author":"B","year":1871,"9":1,"10":2}', [auth])],
  ['an add with a field named in JSON escapes', asJson('POST', '/books', '{"title":"A","author":"B","\\u00e9\\n\\u0001":1}', [auth])],
  ['an add with a title twice', asJson('POST', '/books', '{"title":"A","author":"B","title":"C"}', [auth])],
  ['an add of a form with a title twice', asForm('POST', '/books', 'title=A&author=B&title=C', [auth])],
  ['an add of a form without an author', asForm('POST', '/books', 'title=A&&', [auth])],
  ['an add of a form with a field too many', asForm('POST', '/books', 'title=A&author=B&%E2%82%AC=1', [auth])],
  ['an add of JSON nested deep', asJson('POST', '/books', `${'['.repeat(5000)}${']'.repeat(5000)}`, [auth])],
  [
    'an add of JSON nested deep and never closed',
    asJson('POST', '/books', `{"title":"A","author":"B","x":${'[{"]":'.repeat(2000)}`, [auth]),
  ],
  [
    'an add of JSON nested deep in a field',
    asJson('POST', '/books', `{"title":"A","author":"B","x":${'['.repeat(3000)}${']'.repeat(3000)}}`, [auth]),
  ],
  ['an add of a form of ill-formed UTF-8', asForm('POST', '/books', 'title=%C3%28%ED%A0%80&author=%', [auth])],
  ['an update', asJson('PUT', '/books/2', '{"title":"Smiley\'s People","author":"John le Carré"}', [auth, matching('"1"')])],
  ['an update of any version', asJson('PUT', '/books/2', '{"title":"A","author":"B"}', [auth, matching(' * ')])],
  ['an update of a stale version', asJson('PUT', '/books/2', '{"title":"A","author":"B"}', [auth, matching('"3"')])],
  ['an update without If-Match', asJson('PUT', '/books/2', '{"title":"A","author":"B"}', [auth])],
  ['an update with a weak ETag', asJson('PUT', '/books/2', '{"title":"A","author":"B"}', [auth, matching('W/"1"')])],
  ['an update with two ETags', asJson('PUT', '/books/2', '{"title":"A","author":"B"}', [auth, matching('"1"'), matching('"2"')])],
  ['an update with a bad id and no If-Match', asJson('PUT', '/books/x', '{}', [auth])],
  ['an update with If-Match and a bad body', asJson('PUT', '/books/2', '{', [auth, matching('"1"')])],
  ['an update of a book that is not there', asJson('PUT', '/books/99', '{"title":"A","author":"B"}', [auth, matching('*')])],
  ['an update without credentials', asJson('PUT', '/books/2', '{"title":"A","author":"B"}', [matching('"1"')])],
  ['a removal', send('DELETE', '/books/5', [auth])],
  ['a removal of a version', send('DELETE', '/books/5', [auth, matching('"1"')])],
  ['a removal of a stale version', send('DELETE', '/books/5', [auth, matching('"2"')])],
  ['a removal with a bad If-Match', send('DELETE', '/books/5', [auth, matching('1')])],
  ['a removal with If-Match after a separator JavaScript does not trim', send('DELETE', '/books/5', [auth, matching('\x1c"1"')])],
  ['a removal with If-Match among tabs', send('DELETE', '/books/5', [auth, matching('\t"1"\t')])],
  ['a removal of a book that is not there', send('DELETE', '/books/99', [auth])],
  ['a removal without credentials', send('DELETE', '/books/5')],
  ['a request id of its own', get('/?weekday=2', { headers: [['x-request-id', 'req-42']] })],
  ['an unfit request id', get('/?weekday=2', { headers: [['x-request-id', 'a b\u00e9']] })],
  ['a request id too long', get('/?weekday=2', { headers: [['x-request-id', 'x'.repeat(129)]] })],
  ['a request id that is empty', get('/?weekday=2', { headers: [['x-request-id', '']] })],
  ['a request id among spaces', get('/?weekday=2', { headers: [['x-request-id', ' abc ']] })],
  [
    'a request id sent twice',
    get('/?weekday=2', {
      headers: [
        ['x-request-id', 'a'],
        ['x-request-id', 'b'],
      ],
    }),
  ],
  ['a path to cut in the log', get(`/${'deja-vu/'.repeat(40)}`)],
  ['the catalogue unavailable', get('/?weekday=1'), { fail: { tag: 'unavailable', val: 'the store failed: disk full' } }],
  ['too many books for the catalogue', get('/bench?count=5'), { fail: { tag: 'too-many-books', val: 5 } }],
  ['an invalid weekday from the catalogue', get('/'), { fail: { tag: 'invalid-weekday', val: 9 } }],
  [
    'an add the catalogue refuses',
    asJson('POST', '/books', '{"title":"A","author":"B"}', [auth]),
    { fail: { tag: 'invalid-book', val: { field: 'author', reason: 'author must be at most 200 characters' } } },
  ],
];

/** What only HTTP can go through: book-api answering something it should not, or nothing at all. */
const HTTP_CASES: Case[] = [
  ['book-api failing', get('/?weekday=1'), { answer: () => raw(500, 'upstream is down') }],
  ['book-api failing with JSON', get('/?weekday=1'), { answer: () => json(500, { error: 'down' }) }],
  ['book-api failing with a long answer', get('/?weekday=1'), { answer: () => raw(500, `${'x'.repeat(199)}\u{1F4D6}${'y'.repeat(300)}`) }],
  ['book-api answering invalid JSON', get('/?weekday=1'), { answer: () => raw(200, '<h1>not a book</h1>') }],
  ['book-api answering NaN', get('/?weekday=1'), { answer: () => raw(200, 'NaN') }],
  ['book-api answering nothing', get('/?weekday=1'), { answer: () => raw(200, '') }],
  ['an add of JSON after a byte order mark', BOM_BODY],
  ['an add of a title with a lone surrogate', LONE_SURROGATE_BODY],
  ['book-api answering JSON that is no book', get('/?weekday=1'), { answer: () => json(200, { title: 42 }) }],
  ['book-api answering JSON nested deep', get('/?weekday=1'), { answer: () => raw(200, `${'["[",'.repeat(5000)}1${']'.repeat(5000)}`) }],
  ['book-api answering null', get('/?weekday=1'), { answer: () => raw(200, 'null') }],
  ['book-api answering a list with no book', get('/bench'), { answer: () => json(200, [{ title: 1 }]) }],
  [
    'book-api failing on the third call',
    get('/bench?calls=5&count=2'),
    { answer: (call) => (call === 2 ? json(503, { error: 'the catalogue is unavailable: busy' }) : undefined) },
  ],
  ['book-api answering a page without next', get('/books'), { answer: () => json(200, { books: [] }) }],
  [
    'book-api answering a page of counts as JSON has them',
    get('/books'),
    {
      answer: () =>
        raw(
          200,
          '{"books":[{"id":1e21,"title":"A","author":"B","version":2.0},{"id":12345678901234567890,"title":"C","author":"D","version":-0}],"next":1E2}',
        ),
    },
  ],
  [
    'book-api answering an id that is no count',
    get('/books/3'),
    { answer: () => json(200, { id: 1.5, title: 'A', author: 'B', version: 1 }) },
  ],
  ['book-api answering another status', get('/books/3'), { answer: () => json(201, { id: 3, title: 'A', author: 'B', version: 1 }) }],
  ['book-api refusing without words', get('/books/3'), { answer: () => json(404, { message: 'gone' }) }],
  ['book-api refusing with invalid JSON', get('/books/3'), { answer: () => raw(404, 'gone') }],
  [
    'book-api refusing with repeated headers',
    send('DELETE', '/books/3', [auth]),
    {
      answer: () =>
        raw(401, '{"error":"no"}', [
          ['WWW-Authenticate', 'Bearer'],
          ['www-authenticate', 'Basic'],
          ['etag', '"7"'],
        ]),
    },
  ],
  ['book-api answering a removal with a body', send('DELETE', '/books/3', [auth]), { answer: () => raw(204, 'x') }],
  ['book-api answering a removal with 200', send('DELETE', '/books/3', [auth]), { answer: () => raw(200, '') }],
  ['book_api_url unset', get('/?weekday=1'), { url: undefined }],
  [
    'book_api_url with a query, a port and capitals',
    get('/books?limit=2'),
    { url: 'HTTP://Book-API.spin.internal:80/api?limit=9&x=a+b*~' },
  ],
  ['book_api_url with a trailing slash', get('/books/2'), { url: 'http://book-api.spin.internal:3000/' }],
];

/**
 * Where a TypeScript build is wrong, as I read the standards it follows, or
 * the two builds disagree: the Python frontend does what the standards and
 * components/shared/ say. What the TypeScript build answers is said beside each.
 */
const DIFFERENCES: [string, Wiring, HttpRequest, Upstream, Pick<Observed, 'status' | 'body'>][] = [
  // frontend-http reads the path through StarlingMonkey's URL parser (serve.ts), which removes dot segments and
  // percent-encodes (the path as latin1: /é is /%C3%83%C2%A9): it answers /./books/4 with the book. target.ts and
  // frontend-wit take the path as sent, as Spin's router does.
  ['a path with a dot segment', 'http', get('/./books/4'), {}, { status: 404, body: 'no route for /./books/4' }],
  // StarlingMonkey's Response.text() keeps the mark, which Fetch's UTF-8 decode drops: frontend-http answers 502, invalid JSON.
  [
    'book-api answering with a byte order mark',
    'http',
    get('/?weekday=1'),
    { answer: () => raw(200, '\uFEFF{"title":"A","author":"B"}') },
    { status: 200, body: "Today's book is _A_ by B" },
  ],
  // StarlingMonkey's Response.text() throws on ill-formed UTF-8, where Fetch decodes it with U+FFFD, and http-source.ts
  // does not catch it: frontend-http answers 500, "internal error: TypeError: malformed UTF-8 character sequence at offset 10".
  [
    'book-api answering ill-formed UTF-8',
    'http',
    get('/?weekday=1'),
    { answer: () => ({ status: 200, headers: [], body: Buffer.from('{"title":"\xC3\x28","author":"\xF0\x9F\x98"}', 'latin1') }) },
    { status: 200, body: "Today's book is _\uFFFD(_ by \uFFFD" },
  ],
];

let built: Record<string, Component>;
beforeAll(async () => {
  const names = ['frontend-http', 'frontend-py-http', 'frontend-wit', 'frontend-py-wit'];
  built = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await loadBuilt(name)] as const)));
});

const WIRINGS: [Wiring, string, string, Case[]][] = [
  ['http', 'frontend-http', 'frontend-py-http', [...CASES, ...HTTP_CASES]],
  ['wit', 'frontend-wit', 'frontend-py-wit', CASES],
];

describe.each(WIRINGS)('over %s, %s and %s', (wiring, typescript, python, cases) => {
  it.each(cases)('answer %s alike', (_name, request, upstream) => {
    expect(observe(built[python], wiring, request, upstream)).toEqual(observe(built[typescript], wiring, request, upstream));
  });

  it('answer what the contract says, not only alike', () => {
    const page = observe(built[python], wiring, get('/?weekday=3'));
    expect(page).toMatchObject({
      status: 200,
      body: "Today's book is _My Ántonia_ by Willa Cather",
      log: ['frontend a0a1a2a3a4a5a6a7 GET / 200'],
    });
    expect(page.headers).toEqual([
      ['content-type', 'text/plain; charset=utf-8'],
      ['x-request-id', 'a0a1a2a3a4a5a6a7'],
      ['content-length', '45'],
    ]);
    const added = observe(built[python], wiring, asJson('POST', '/books', '{"title":"Middlemarch","author":"George Eliot"}', [auth]));
    expect(added).toMatchObject({ status: 201, body: 'Added 8. _Middlemarch_ by George Eliot (version 1)' });
    expect(added.headers).toEqual(
      expect.arrayContaining([
        ['location', '/books/8'],
        ['etag', '"1"'],
      ]),
    );
    const stale = observe(built[python], wiring, send('DELETE', '/books/5', [auth, matching('"2"')]));
    expect(stale).toMatchObject({ status: 412, body: 'the book is at version 1, not the one If-Match names' });
    expect(stale.headers).toEqual(expect.arrayContaining([['etag', '"1"']]));
    const anonymous = observe(built[python], wiring, send('DELETE', '/books/5'));
    expect(anonymous).toMatchObject({ status: 401, body: 'this write needs an Authorization header: Bearer <token>' });
    expect(anonymous.headers).toEqual(expect.arrayContaining([['www-authenticate', 'Bearer realm="book-api"']]));
  });

  it('make a request id of the host randomness of each request, not of a seed snapshotted at build time', () => {
    const ids = [0, 1, 2].map(() => {
      const { headers, log } = observe(built[python], wiring, get('/?weekday=0'), {}, null);
      const id = headers.find(([name]) => name === 'x-request-id')?.[1];
      expect(log).toEqual([`frontend ${id} GET / 200`]);
      return id;
    });
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('where a TypeScript build is wrong, or the two disagree', () => {
  it.each(DIFFERENCES)('the Python frontend answers %s over %s as the standards say', (_name, wiring, request, upstream, expected) => {
    expect(observe(built[`frontend-py-${wiring}`], wiring, request, upstream)).toMatchObject(expected);
  });
});

describe('frontend-py-http over HTTP', () => {
  it('names the error code where fetch in the TypeScript frontend can only say NetworkError', () => {
    const refused = observe(built['frontend-py-http'], 'http', get('/?weekday=1'), { answer: () => 'connection-refused' });
    expect(refused).toMatchObject({ status: 502, body: `book-api failed: GET ${BOOK_API_URL}?weekday=1 failed: connection-refused` });
    const typescript = observe(built['frontend-http'], 'http', get('/?weekday=1'), { answer: () => 'connection-refused' });
    expect(typescript.body).toBe(
      `book-api failed: GET ${BOOK_API_URL}?weekday=1 failed: TypeError: NetworkError when attempting to fetch resource`,
    );
  });

  it('refuses a body its content-length says is too large without reading it, as frontend-http does', () => {
    const request = get('/books', {
      method: 'POST',
      headers: [
        ['content-type', 'application/json'],
        ['content-length', '0x4001'],
      ],
      body: Buffer.from('{}'),
    });
    const python = observe(built['frontend-py-http'], 'http', request);
    expect(python).toEqual(observe(built['frontend-http'], 'http', request));
    expect(python).toMatchObject({ status: 413, body: 'the body must be at most 16384 bytes', upstream: [] });
  });
});
