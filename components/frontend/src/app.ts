// The frontend's one handler, whichever source feeds it:
//   GET /    "Today's book is _<title>_ by <author>" (text/plain), ?weekday=0..6
// A bad weekday is the client's fault (400); anything wrong on book-api's
// side is a bad gateway (502) with the reason, never an empty 200.
import { weekdayParam } from '../../shared/query.js';
import { router, type ErrorResponder } from '../../shared/router.js';
import type { BookSource } from './book-source.js';
import { renderBook } from './render.js';

const TEXT = 'text/plain; charset=utf-8';

const text: ErrorResponder = (status, message, headers = {}) =>
  new Response(message, { status, headers: { 'content-type': TEXT, ...headers } });

export function frontend(source: BookSource): (request: Request) => Promise<Response> {
  return router(
    {
      '/': {
        GET: async (_request, url) => {
          const day = weekdayParam(url);
          if (!day.ok) return text(400, day.message);
          const lookup = await source.bookOfTheDay(day.value);
          if (!lookup.ok) return text(502, `book-api failed: ${lookup.reason}`);
          return text(200, renderBook(lookup.book));
        },
      },
    },
    text,
  );
}
