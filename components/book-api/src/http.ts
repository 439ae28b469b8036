// book-api's HTTP face: the catalogue as JSON.
//   GET /api              today's book (UTC), or ?weekday=0..6
//   GET /api/books        ?count=N books (default 7), to scale the payload
import type { CatalogError } from 'bookserver:books/catalog@0.1.0';
import type { Reply } from '../../shared/http.js';
import { uintParam, weekdayParam, invalidWeekdayMessage } from '../../shared/query.js';
import { router } from '../../shared/router.js';
import { bookOfTheDay, books, today, MAX_BOOKS, WEEK, type CatalogResult } from './catalog.js';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Error bodies name the parameter at fault, when there is one. */
function jsonError(status: number, message: string, headers?: Record<string, string>, parameter?: string): Reply {
  return json(status, parameter ? { error: message, parameter } : { error: message }, headers);
}

function describe(error: CatalogError): { parameter: string; message: string } {
  switch (error.tag) {
    case 'invalid-weekday':
      return { parameter: 'weekday', message: invalidWeekdayMessage(error.val) };
    case 'too-many-books':
      return { parameter: 'count', message: `query parameter "count" must be at most ${MAX_BOOKS}, got "${error.val}"` };
  }
}

function reply<T>(result: CatalogResult<T>): Reply {
  if (result.ok) return json(200, result.value);
  const { message, parameter } = describe(result.error);
  return jsonError(400, message, undefined, parameter);
}

export const handle = router(
  {
    '/api': {
      GET: ({ query }) => {
        const day = weekdayParam(query);
        if (!day.ok) return jsonError(400, day.message, undefined, 'weekday');
        return reply(bookOfTheDay(day.value ?? today()));
      },
    },
    '/api/books': {
      GET: ({ query }) => {
        const count = uintParam(query, 'count');
        if (!count.ok) return jsonError(400, count.message, undefined, 'count');
        return reply(books(count.value ?? WEEK.length));
      },
    },
  },
  jsonError,
);
