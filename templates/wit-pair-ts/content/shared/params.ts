// What both components read from a request's path and query alike: a
// page's `limit` and `after`, a book's id. Whether a limit is in range is
// the catalogue's rule (api/catalog.ts), so that both faces word it alike.
import type { Query, Refusal } from './http.js';

/** The most books a page holds, and how many when the request does not say. */
export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

export type PageParams = { ok: true; limit: number; after: number | undefined } | { ok: false; refusal: Refusal };

const WHOLE = /^\d{1,9}$/;

export function pageParams(query: Query): PageParams {
  for (const name of ['limit', 'after']) {
    const raw = query.get(name);
    if (raw !== null && !WHOLE.test(raw)) {
      return {
        ok: false,
        refusal: { status: 400, message: `query parameter "${name}" must be a whole number, got "${raw}"`, parameter: name },
      };
    }
  }
  const [limit, after] = [query.get('limit'), query.get('after')];
  return { ok: true, limit: limit === null ? DEFAULT_PAGE : Number(limit), after: after === null ? undefined : Number(after) };
}

export type IdRead = { ok: true; id: number } | { ok: false; refusal: Refusal };

/** A path segment as a book's id. */
export function readId(segment: string): IdRead {
  return /^[1-9]\d{0,8}$/.test(segment)
    ? { ok: true, id: Number(segment) }
    : { ok: false, refusal: { status: 400, message: `a book's id is a whole number from 1, got ${JSON.stringify(segment)}` } };
}
