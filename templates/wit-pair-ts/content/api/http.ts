// {{api-name}}'s HTTP face: the catalogue as JSON.
//   GET    /api/books        a page of books: ?limit=1..100 (20), ?after=<the last page's next>
//   POST   /api/books        a book, JSON {"title", "author"}: 201 with Location
//   GET    /api/books/<id>   the book
//   DELETE /api/books/<id>   204
// Writes need `Authorization: Bearer <api_token>`. Every answer carries the
// request's x-request-id, made when the caller sent none, and is logged with it.
import type { Caller, Entry } from '{{wit-package}}/catalog@0.1.0';
import { readBook } from '../shared/book-body.js';
import type { Handle, HttpRequest, Refusal, Reply } from '../shared/http.js';
import { pageParams, readId } from '../shared/params.js';
import { refusalOf } from '../shared/refusal.js';
import { type Host, withRequestId } from '../shared/request-id.js';
import type { Catalogue, Result } from './catalog.js';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** An error's body names the query parameter or the body's field at fault, when there is one. */
const refuse = ({ status, message, parameter, field, headers }: Refusal): Reply =>
  json(status, { error: message, ...(parameter && { parameter }), ...(field && { field }) }, headers);

const notAllowed = (request: HttpRequest, allow: string): Reply =>
  refuse({ status: 405, message: `${request.method} is not allowed on ${request.path}; use ${allow}`, headers: { allow } });

const entryJson = ({ id, book }: Entry) => ({ id, title: book.title, author: book.author });

/** The value as JSON with `status`, or the catalogue's refusal. */
const reply = <T>(result: Result<T>, status: number, body: (value: T) => unknown, headers?: (value: T) => Record<string, string>): Reply =>
  result.ok ? json(status, body(result.value), headers?.(result.value)) : refuse(refusalOf(result.error));

const BOOK = /^\/api\/books\/([^/]*)$/;

function route(catalogue: Catalogue, request: HttpRequest, caller: Caller): Reply {
  if (request.path === '/api/books') {
    if (request.method === 'GET') {
      const page = pageParams(request.query);
      if (!page.ok) return refuse(page.refusal);
      return reply(catalogue.listBooks(page.limit, page.after), 200, ({ entries, next }) => ({
        books: entries.map(entryJson),
        next: next ?? null,
      }));
    }
    if (request.method === 'POST') {
      const read = readBook(request, ['application/json']);
      if (!read.ok) return refuse(read.refusal);
      return reply(catalogue.addBook(caller, read.book), 201, entryJson, ({ id }) => ({ location: `/api/books/${id}` }));
    }
    return notAllowed(request, 'GET, POST');
  }
  const segment = request.path.match(BOOK)?.[1];
  if (segment === undefined) return refuse({ status: 404, message: `no route for ${request.path}; the API serves /api/books` });
  if (request.method !== 'GET' && request.method !== 'DELETE') return notAllowed(request, 'GET, DELETE');
  const id = readId(segment);
  if (!id.ok) return refuse(id.refusal);
  if (request.method === 'GET') return reply(catalogue.getBook(id.id), 200, entryJson);
  const removed = catalogue.removeBook(caller, id.id);
  return removed.ok ? { status: 204, headers: {}, body: '' } : refuse(refusalOf(removed.error));
}

/** The face over `catalogue`, logging each request as {{api-name}}. */
export const httpFace = (catalogue: Catalogue, host: Host): Handle =>
  withRequestId(host, '{{api-name}}', (request, requestId) =>
    route(catalogue, request, { requestId, authorization: request.headers.get('authorization') }),
  );
