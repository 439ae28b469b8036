// Who may write: a request whose `Authorization` is `Bearer <api_token>`,
// the Spin variable. The token is read when a write asks, so that a
// component that cannot read variables (a dependency that inherits none)
// still serves reads, and says why it takes no writes.
import type { CatalogError } from 'bookserver:books/catalog@0.1.0';
import { utf8 } from '../../shared/utf8.js';

/** Where the token comes from: the variable store, or a test's. */
export interface Credentials {
  /** The token; undefined when unset. Throws when it cannot be read, with why. */
  token(): string | undefined;
}

const BEARER = /^Bearer +(\S+) *$/i;

/** Whether `a` and `b` are the same bytes, taking as long whatever the first difference: a wrong token tells nothing by its timing. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

/** Why `authorization` may not write, or undefined when it may. */
export function checkCredentials(authorization: string | undefined, credentials: Credentials): CatalogError | undefined {
  let token: string | undefined;
  try {
    token = credentials.token();
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    return { tag: 'unavailable', val: `writes need the variable api_token, which cannot be read here (${why})` };
  }
  if (!token) return { tag: 'unavailable', val: 'writes need the variable api_token, which is not set' };
  if (authorization === undefined) return { tag: 'unauthorized', val: 'missing' };
  const given = authorization.match(BEARER)?.[1];
  if (given === undefined) return { tag: 'unauthorized', val: 'malformed' };
  return sameBytes(utf8(given), utf8(token)) ? undefined : { tag: 'unauthorized', val: 'wrong' };
}
