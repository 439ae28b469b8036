// Where {{frontend-name}} gets its books: over HTTP (http-source.ts, chained) or
// over WIT (wit-source.ts, composed). The handlers in app.ts cannot tell
// the two apart, and neither can a client.
import type { Book, Caller, Entry, Page } from '{{wit-package}}/catalog@0.1.0';
import type { Refusal } from '../shared/http.js';

/**
 * What came back from {{api-name}}: the value; its refusal, which
 * {{frontend-name}} passes on in {{api-name}}'s words; or why nothing usable
 * came back (a bad gateway).
 */
export type Lookup<T> = { ok: true; value: T } | { ok: false; refused: Refusal } | { ok: false; failed: string };

/** A value now (WIT, or anything on QuickJS, whose handlers cannot wait) or later (HTTP). */
export type Eventually<T> = T | Promise<T>;

/** `next(value)`: at once when the value is there, once it is when it is a promise. */
export const andThen = <T, U>(value: Eventually<T>, next: (value: T) => Eventually<U>): Eventually<U> =>
  value instanceof Promise ? value.then(next) : next(value);

export interface Source {
  listBooks(caller: Caller, limit: number, after: number | undefined): Eventually<Lookup<Page>>;
  getBook(caller: Caller, id: number): Eventually<Lookup<Entry>>;
  addBook(caller: Caller, book: Book): Eventually<Lookup<Entry>>;
  removeBook(caller: Caller, id: number): Eventually<Lookup<void>>;
}
