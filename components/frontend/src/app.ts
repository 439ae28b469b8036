// The frontend's handlers, whichever source feeds them (text/plain):
//   GET    /            "Today's book is _<title>_ by <author>", ?weekday=0..6
//   GET    /bench       ?calls=1..100 lookups of ?count=1..10000 books each:
//                       the work-size knob of `npm run bench`, answered with a count
//   GET    /books       a page of the catalogue, a line a book: ?limit=1..100, ?cursor
//   POST   /books       a book, as JSON or a form (title, author): 201
//   GET    /books/:id   the book, with its ETag
//   PUT    /books/:id   a book, with If-Match (required)
//   DELETE /books/:id   If-Match optional
// The client's Authorization goes to book-api, which decides. A bad request
// is refused with book-api's words, whichever wiring carries it: the shape of
// a request here (shared/), the rest by book-api. Anything wrong on book-api's
// side is a bad gateway (502) with the reason, never an empty 200.
import type { Caller } from 'bookserver:books/catalog@0.1.0';
import { readBook } from '../../shared/book-body.js';
import { andThen, type Eventually } from '../../shared/eventually.js';
import type { Handle, HttpRequest, Refusal, Reply } from '../../shared/http.js';
import { DEFAULT_PAGE } from '../../shared/limits.js';
import { boundedParam, uintParam, weekdayParam } from '../../shared/query.js';
import { type Host, withRequestId } from '../../shared/request-id.js';
import { type ErrorResponder, type Params, router } from '../../shared/router.js';
import { etag, readId, readPrecondition } from '../../shared/versions.js';
import type { BookSource, Lookup } from './book-source.js';
import { renderBook, renderEntry } from './render.js';

const TEXT = 'text/plain; charset=utf-8';
export const MAX_CALLS = 100;
export const MAX_BENCH_BOOKS = 10_000;
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'] as const;

const text: ErrorResponder = (status, message, headers = {}) => ({ status, headers: { 'content-type': TEXT, ...headers }, body: message });

const refuse = ({ status, message, headers }: Refusal): Reply => text(status, message, headers);

/** Book-api's refusal passed on, or a bad gateway. */
const failure = (lookup: Exclude<Lookup<unknown>, { ok: true }>): Reply =>
  'refused' in lookup ? refuse(lookup.refused) : text(502, `book-api failed: ${lookup.failed}`);

/** A lookup's value made into a reply, or its failure. */
const answer = <T>(lookup: Lookup<T>, reply: (value: T) => Reply): Reply => (lookup.ok ? reply(lookup.value) : failure(lookup));

function routes(source: BookSource, requestId: string) {
  const caller = (request: HttpRequest): Caller => ({ requestId, authorization: request.headers.get('authorization') });
  return {
    '/': {
      GET: (request: HttpRequest) => {
        const day = weekdayParam(request.query);
        if (!day.ok) return text(400, day.message);
        return andThen(source.bookOfTheDay(caller(request), day.value), (lookup) => answer(lookup, (book) => text(200, renderBook(book))));
      },
    },
    '/bench': {
      GET: (request: HttpRequest) => {
        const calls = boundedParam(request.query, 'calls', 1, MAX_CALLS, 1);
        if (!calls.ok) return text(400, calls.message);
        const count = boundedParam(request.query, 'count', 1, MAX_BENCH_BOOKS, 1);
        if (!count.ok) return text(400, count.message);
        const [times, size] = [calls.value ?? 1, count.value ?? 1];
        const collect = (done: number, received: number): Eventually<Reply> =>
          done === times
            ? text(200, `${times} calls of ${size} books: ${received} books received`)
            : andThen(source.books(caller(request), size), (lookup) =>
                lookup.ok ? collect(done + 1, received + lookup.value.length) : failure(lookup),
              );
        return collect(0, 0);
      },
    },
    '/books': {
      GET: (request: HttpRequest) => {
        const limit = uintParam(request.query, 'limit');
        if (!limit.ok) return text(400, limit.message);
        const cursor = uintParam(request.query, 'cursor');
        if (!cursor.ok) return text(400, cursor.message);
        const size = limit.value ?? DEFAULT_PAGE;
        return andThen(source.listBooks(caller(request), size, cursor.value), (lookup) =>
          answer(lookup, ({ entries, next }) => {
            const more = next === undefined ? [] : [`next page: /books?limit=${size}&cursor=${next}`];
            return text(200, [...entries.map(renderEntry), ...more].join('\n'));
          }),
        );
      },
      POST: (request: HttpRequest) => {
        const read = readBook(request, BODY_TYPES);
        if (!read.ok) return refuse(read.refusal);
        return andThen(source.addBook(caller(request), read.book), (lookup) =>
          answer(lookup, (entry) =>
            text(201, `Added ${renderEntry(entry)}`, { location: `/books/${entry.id}`, etag: etag(entry.version) }),
          ),
        );
      },
    },
    '/books/:id': {
      GET: (request: HttpRequest, params: Params) => {
        const id = readId(params.id);
        if (!id.ok) return refuse(id.refusal);
        return andThen(source.getBook(caller(request), id.id), (lookup) =>
          answer(lookup, (entry) => text(200, renderEntry(entry), { etag: etag(entry.version) })),
        );
      },
      PUT: (request: HttpRequest, params: Params) => {
        const id = readId(params.id);
        if (!id.ok) return refuse(id.refusal);
        const precondition = readPrecondition(request.headers, true);
        if (!precondition.ok) return refuse(precondition.refusal);
        const read = readBook(request, BODY_TYPES);
        if (!read.ok) return refuse(read.refusal);
        return andThen(source.updateBook(caller(request), id.id, read.book, precondition.version), (lookup) =>
          answer(lookup, (entry) => text(200, `Updated ${renderEntry(entry)}`, { etag: etag(entry.version) })),
        );
      },
      DELETE: (request: HttpRequest, params: Params) => {
        const id = readId(params.id);
        if (!id.ok) return refuse(id.refusal);
        const precondition = readPrecondition(request.headers, false);
        if (!precondition.ok) return refuse(precondition.refusal);
        return andThen(source.removeBook(caller(request), id.id, precondition.version), (lookup) =>
          answer(lookup, () => text(200, `Removed book ${id.id}`)),
        );
      },
    },
  };
}

/** The frontend over `source`, logging each request as `frontend`. */
export const frontend = (source: BookSource, host: Host): Handle =>
  withRequestId(host, 'frontend', text, (requestId) => router(routes(source, requestId), text));
