// A book's id in a path, and its version as HTTP carries it: an ETag out, an
// If-Match in. Strong ETags, one version each: `"3"`. book-api's JSON face
// and the frontend read them alike.
import type { Refusal } from './http.js';

/** The ETag of version `version`. */
export const etag = (version: number): string => `"${version}"`;

const ID = /^[1-9]\d{0,8}$/;

export type IdRead = { ok: true; id: number } | { ok: false; refusal: Refusal };

/** A path segment as a book's id. */
export function readId(segment: string): IdRead {
  return ID.test(segment)
    ? { ok: true, id: Number(segment) }
    : { ok: false, refusal: { status: 400, message: `a book's id is a whole number from 1, not ${JSON.stringify(segment)}` } };
}

/** The version a write names: undefined for whatever the book is at (If-Match: *, or none where none is needed). */
export type Precondition = { ok: true; version: number | undefined } | { ok: false; refusal: Refusal };

/**
 * The If-Match of a write: one ETag this API gave (`"3"`), or `*`. Required
 * for a replacement (428 without it), so that a writer cannot overwrite a
 * change it has not seen; optional for a removal. A list of ETags is
 * refused: a book has one version at a time.
 */
export function readPrecondition(headers: ReadonlyMap<string, string>, required: boolean): Precondition {
  const value = headers.get('if-match');
  if (value === undefined) {
    return required
      ? { ok: false, refusal: { status: 428, message: 'a write to a book needs If-Match with the ETag it replaces, or *' } }
      : { ok: true, version: undefined };
  }
  const text = value.trim();
  if (text === '*') return { ok: true, version: undefined };
  const version = text.match(/^"([1-9]\d{0,8})"$/)?.[1];
  return version === undefined
    ? {
        ok: false,
        refusal: { status: 400, message: `If-Match must be one ETag this API gave, such as "1", or *; got ${JSON.stringify(value)}` },
      }
    : { ok: true, version: Number(version) };
}
