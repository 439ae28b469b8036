// {{frontend-name}}'s handlers, whichever source feeds them, in text, under its
// route (Spin passes the rest of the path as `spin-path-info`):
//   GET    /        the page: the books, a line each; ?limit=1..100, ?after=<id>
//   POST   /        a book, as JSON or a form (title, author): 201 with Location
//   GET    /<id>    the book
//   DELETE /<id>    the book removed
// The client's Authorization goes on to {{api-name}}, which decides. What is
// wrong with a request is said in {{api-name}}'s words, whichever wiring
// carries it; anything wrong on {{api-name}}'s side is a bad gateway (502).
import type { Caller, Entry } from '{{wit-package}}/catalog@0.1.0';
import { readBook } from '../shared/book-body.js';
import type { Handle, HttpRequest, Refusal, Reply } from '../shared/http.js';
import { pageParams, readId } from '../shared/params.js';
import { type Host, withRequestId } from '../shared/request-id.js';
import { andThen, type Eventually, type Lookup, type Source } from './source.js';

const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body,
});

const refuse = ({ status, message, headers }: Refusal): Reply => text(status, message, headers);

/** A lookup's value made into a reply; a refusal passed on; a failure a bad gateway. */
const answer = <T>(lookup: Lookup<T>, reply: (value: T) => Reply): Reply =>
  lookup.ok ? reply(lookup.value) : 'refused' in lookup ? refuse(lookup.refused) : text(502, `{{api-name}} failed: ${lookup.failed}`);

export const renderEntry = ({ id, book }: Entry): string => `${id}. _${book.title}_ by ${book.author}`;

const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'] as const;

function route(source: Source, request: HttpRequest, caller: Caller): Eventually<Reply> {
  // The path under the route, as Spin passes it (empty for the route itself); the whole path where nothing does (the tests on Node).
  const info = request.headers.get('spin-path-info');
  const path = info === undefined ? request.path : info || '/';
  const base = request.headers.get('spin-component-route') ?? '';
  if (path === '/') {
    if (request.method === 'GET') {
      const page = pageParams(request.query);
      if (!page.ok) return refuse(page.refusal);
      return andThen(source.listBooks(caller, page.limit, page.after), (lookup) =>
        answer(lookup, ({ entries, next }) => {
          const none = page.after === undefined ? 'No books yet.' : `No books after ${page.after}.`;
          const lines = entries.length === 0 ? [none] : entries.map(renderEntry);
          const more = next === undefined ? [] : [`More: ${base}/?limit=${page.limit}&after=${next}`];
          return text(200, [...lines, ...more].join('\n'));
        }),
      );
    }
    if (request.method === 'POST') {
      const read = readBook(request, BODY_TYPES);
      if (!read.ok) return refuse(read.refusal);
      return andThen(source.addBook(caller, read.book), (lookup) =>
        answer(lookup, (entry) => text(201, `Added ${renderEntry(entry)}`, { location: `${base}/${entry.id}` })),
      );
    }
    return refuse({ status: 405, message: `${request.method} is not allowed here; use GET, POST`, headers: { allow: 'GET, POST' } });
  }
  const segment = path.match(/^\/([^/]*)$/)?.[1];
  if (segment === undefined) return text(404, `no page at ${request.path}`);
  if (request.method !== 'GET' && request.method !== 'DELETE') {
    return refuse({ status: 405, message: `${request.method} is not allowed here; use GET, DELETE`, headers: { allow: 'GET, DELETE' } });
  }
  const id = readId(segment);
  if (!id.ok) return refuse(id.refusal);
  if (request.method === 'GET')
    return andThen(source.getBook(caller, id.id), (lookup) => answer(lookup, (entry) => text(200, renderEntry(entry))));
  return andThen(source.removeBook(caller, id.id), (lookup) => answer(lookup, () => text(200, `Removed book ${id.id}`)));
}

/** {{frontend-name}} over `source`, logging each request as {{frontend-name}}. */
export const frontend = (source: Source, host: Host): Handle =>
  withRequestId(host, '{{frontend-name}}', (request, requestId) =>
    route(source, request, { requestId, authorization: request.headers.get('authorization') }),
  );
