// Why a request is refused, as book-api and the frontend both say it: one
// status and one sentence for each reason, whichever face or wiring it comes
// through. book-api sends it as JSON, the frontend as text.
import type { CatalogError } from 'bookserver:books/catalog@0.1.0';
import type { Refusal } from './http.js';
import { MAX_BOOKS, MAX_PAGE } from './limits.js';
import { invalidWeekdayMessage } from './query.js';
import { etag } from './versions.js';

/** What a client must send to write, and what it sent wrong (RFC 6750's error codes). */
const CHALLENGE = {
  missing: 'Bearer realm="book-api"',
  malformed: 'Bearer realm="book-api", error="invalid_request"',
  wrong: 'Bearer realm="book-api", error="invalid_token"',
} as const;

const UNAUTHORIZED = {
  missing: 'this write needs an Authorization header: Bearer <token>',
  malformed: 'Authorization must be Bearer <token>',
  wrong: 'the token is not the one this API takes',
} as const;

export function refusalOf(error: CatalogError): Refusal {
  switch (error.tag) {
    case 'invalid-weekday':
      return { status: 400, message: invalidWeekdayMessage(error.val), parameter: 'weekday' };
    case 'too-many-books':
      return { status: 400, message: `query parameter "count" must be at most ${MAX_BOOKS}, got "${error.val}"`, parameter: 'count' };
    case 'invalid-limit':
      return { status: 400, message: `query parameter "limit" must be from 1 to ${MAX_PAGE}, got "${error.val}"`, parameter: 'limit' };
    case 'invalid-book':
      return { status: 400, message: error.val.reason, field: error.val.field };
    case 'unauthorized':
      return { status: 401, message: UNAUTHORIZED[error.val], headers: { 'www-authenticate': CHALLENGE[error.val] } };
    case 'not-found':
      return { status: 404, message: `no book ${error.val}` };
    case 'version-mismatch':
      return {
        status: 412,
        message: `the book is at version ${error.val}, not the one If-Match names`,
        headers: { etag: etag(error.val) },
      };
    case 'unavailable':
      return { status: 503, message: `the catalogue is unavailable: ${error.val}`, headers: { 'retry-after': '1' } };
  }
}
