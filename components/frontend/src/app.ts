// The frontend's handlers, whichever source feeds them:
//   GET /        "Today's book is _<title>_ by <author>" (text/plain), ?weekday=0..6
//   GET /bench   ?calls=1..100 lookups of ?count=1..10000 books each: the
//                work-size knob of `npm run bench`, answered with a count
// A bad parameter is the client's fault (400); anything wrong on book-api's
// side is a bad gateway (502) with the reason, never an empty 200.
import { type Eventually, then } from '../../shared/eventually.js';
import type { Handle, Reply } from '../../shared/http.js';
import { boundedParam, weekdayParam } from '../../shared/query.js';
import { router, type ErrorResponder } from '../../shared/router.js';
import type { BookSource } from './book-source.js';
import { renderBook } from './render.js';

const TEXT = 'text/plain; charset=utf-8';
export const MAX_CALLS = 100;
export const MAX_BENCH_BOOKS = 10_000;

const text: ErrorResponder = (status, message, headers = {}) => ({ status, headers: { 'content-type': TEXT, ...headers }, body: message });

const upstreamFailed = (reason: string): Reply => text(502, `book-api failed: ${reason}`);

export function frontend(source: BookSource): Handle {
  return router(
    {
      '/': {
        GET: ({ query }) => {
          const day = weekdayParam(query);
          if (!day.ok) return text(400, day.message);
          return then(source.bookOfTheDay(day.value), (lookup) =>
            lookup.ok ? text(200, renderBook(lookup.value)) : upstreamFailed(lookup.reason),
          );
        },
      },
      '/bench': {
        GET: ({ query }) => {
          const calls = boundedParam(query, 'calls', 1, MAX_CALLS, 1);
          if (!calls.ok) return text(400, calls.message);
          const count = boundedParam(query, 'count', 1, MAX_BENCH_BOOKS, 1);
          if (!count.ok) return text(400, count.message);
          const [times, size] = [calls.value ?? 1, count.value ?? 1];
          const collect = (done: number, received: number): Eventually<Reply> =>
            done === times
              ? text(200, `${times} calls of ${size} books: ${received} books received`)
              : then(source.books(size), (lookup) =>
                  lookup.ok ? collect(done + 1, received + lookup.value.length) : upstreamFailed(lookup.reason),
                );
          return collect(0, 0);
        },
      },
    },
    text,
  );
}
