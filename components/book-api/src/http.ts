// book-api's HTTP face: the catalogue as JSON.
//   GET    /api             today's book (UTC), or ?weekday=0..6
//   GET    /api/week        ?count=N books cycling through the week (7): a payload of any size
//   GET    /api/books       a page of the catalogue: ?limit=1..100 (20), ?cursor=<the last page's next>
//   POST   /api/books       a book, JSON {"title", "author"}: 201 with Location and ETag
//   GET    /api/books/:id   the book, with its ETag
//   PUT    /api/books/:id   a book, with If-Match (required): 200 with the new ETag
//   DELETE /api/books/:id   If-Match optional: 204
// Writes need `Authorization: Bearer <api_token>`. Every answer carries the
// request's x-request-id, made when the client sent none, and is logged with it.
import type { Entry } from 'bookserver:books/catalog@0.1.0';
import type { HttpRequest, Refusal, Reply } from '../../shared/http.js';
import { DEFAULT_PAGE } from '../../shared/limits.js';
import { weekdayParam, uintParam } from '../../shared/query.js';
import { readBook } from '../../shared/book-body.js';
import { refusalOf } from '../../shared/refusal.js';
import { type Host, withRequestId } from '../../shared/request-id.js';
import { type ErrorResponder, type Params, router } from '../../shared/router.js';
import { etag, readId, readPrecondition } from '../../shared/versions.js';
import { books, type Catalogue, type CatalogResult, today, WEEK } from './catalog.js';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Error bodies name the query parameter or the body's field at fault, when there is one. */
function refuse({ status, message, parameter, field, headers }: Refusal): Reply {
  return json(status, { error: message, ...(parameter && { parameter }), ...(field && { field }) }, headers);
}

const jsonError: ErrorResponder = (status, message, headers) => refuse({ status, message, headers });

const entryJson = ({ id, version, book }: Entry) => ({ id, title: book.title, author: book.author, version });

/** The value as JSON with `status`, or the catalogue's refusal. */
function reply<T>(
  result: CatalogResult<T>,
  status: number,
  body: (value: T) => unknown,
  headers: (value: T) => Record<string, string>,
): Reply {
  return result.ok ? json(status, body(result.value), headers(result.value)) : refuse(refusalOf(result.error));
}

const withEtag = (entry: Entry): Record<string, string> => ({ etag: etag(entry.version) });

/** The routes for one request, whose id `requestId` is passed on with its credentials to every write. */
function routes(catalogue: Catalogue, requestId: string) {
  const caller = (request: HttpRequest) => ({ requestId, authorization: request.headers.get('authorization') });

  return {
    '/api': {
      GET: ({ query }: HttpRequest) => {
        const day = weekdayParam(query);
        if (!day.ok) return refuse({ status: 400, message: day.message, parameter: 'weekday' });
        return reply(
          catalogue.bookOfTheDay(day.value ?? today()),
          200,
          (book) => book,
          () => ({}),
        );
      },
    },
    '/api/week': {
      GET: ({ query }: HttpRequest) => {
        const count = uintParam(query, 'count');
        if (!count.ok) return refuse({ status: 400, message: count.message, parameter: 'count' });
        return reply(
          books(count.value ?? WEEK.length),
          200,
          (list) => list,
          () => ({}),
        );
      },
    },
    '/api/books': {
      GET: ({ query }: HttpRequest) => {
        const limit = uintParam(query, 'limit');
        if (!limit.ok) return refuse({ status: 400, message: limit.message, parameter: 'limit' });
        const cursor = uintParam(query, 'cursor');
        if (!cursor.ok) return refuse({ status: 400, message: cursor.message, parameter: 'cursor' });
        const page = catalogue.listBooks(limit.value ?? DEFAULT_PAGE, cursor.value);
        return reply(
          page,
          200,
          ({ entries, next }) => ({ books: entries.map(entryJson), next: next ?? null }),
          () => ({}),
        );
      },
      POST: (request: HttpRequest) => {
        const read = readBook(request, ['application/json']);
        if (!read.ok) return refuse(read.refusal);
        const added = catalogue.addBook(caller(request), read.book);
        return reply(added, 201, entryJson, (entry) => ({ location: `/api/books/${entry.id}`, ...withEtag(entry) }));
      },
    },
    '/api/books/:id': {
      GET: (_request: HttpRequest, params: Params) => {
        const id = readId(params.id);
        return id.ok ? reply(catalogue.getBook(id.id), 200, entryJson, withEtag) : refuse(id.refusal);
      },
      PUT: (request: HttpRequest, params: Params) => {
        const id = readId(params.id);
        if (!id.ok) return refuse(id.refusal);
        const precondition = readPrecondition(request.headers, true);
        if (!precondition.ok) return refuse(precondition.refusal);
        const read = readBook(request, ['application/json']);
        if (!read.ok) return refuse(read.refusal);
        return reply(catalogue.updateBook(caller(request), id.id, read.book, precondition.version), 200, entryJson, withEtag);
      },
      DELETE: (request: HttpRequest, params: Params) => {
        const id = readId(params.id);
        if (!id.ok) return refuse(id.refusal);
        const precondition = readPrecondition(request.headers, false);
        if (!precondition.ok) return refuse(precondition.refusal);
        const removed = catalogue.removeBook(caller(request), id.id, precondition.version);
        return removed.ok ? { status: 204, headers: {}, body: '' } : refuse(refusalOf(removed.error));
      },
    },
  };
}

/** The face over `catalogue`, logging each request as `book-api`. */
export const httpFace = (catalogue: Catalogue, host: Host) =>
  withRequestId(host, 'book-api', jsonError, (requestId) => router(routes(catalogue, requestId), jsonError));
