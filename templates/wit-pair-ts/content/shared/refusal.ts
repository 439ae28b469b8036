// Why a request is refused, in the words both components use: one status and
// one sentence for each reason, whichever face or wiring it comes through.
// {{api-name}} sends it as JSON, {{frontend-name}} as text.
import type { CatalogError } from '{{wit-package}}/catalog@0.1.0';
import type { Refusal } from './http.js';
import { MAX_PAGE } from './params.js';

/** What a client must send to write, and what it sent wrong (RFC 6750's error codes). */
const CHALLENGE = {
  missing: 'Bearer realm="{{api-name}}"',
  malformed: 'Bearer realm="{{api-name}}", error="invalid_request"',
  wrong: 'Bearer realm="{{api-name}}", error="invalid_token"',
} as const;

const UNAUTHORIZED = {
  missing: 'this write needs an Authorization header: Bearer <token>',
  malformed: 'Authorization must be Bearer <token>',
  wrong: 'the token is not the one this API takes',
} as const;

export function refusalOf(error: CatalogError): Refusal {
  switch (error.tag) {
    case 'invalid-limit':
      return { status: 400, message: `query parameter "limit" must be from 1 to ${MAX_PAGE}, got "${error.val}"`, parameter: 'limit' };
    case 'invalid-book':
      return { status: 400, message: error.val.reason, field: error.val.field };
    case 'unauthorized':
      return { status: 401, message: UNAUTHORIZED[error.val], headers: { 'www-authenticate': CHALLENGE[error.val] } };
    case 'not-found':
      return { status: 404, message: `no book ${error.val}` };
    case 'unavailable':
      return { status: 503, message: `the catalogue is unavailable: ${error.val}` };
  }
}
