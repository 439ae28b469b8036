import type { Book, Caller, Entry, Page, Weekday } from 'bookserver:books/catalog@0.1.0';
import type { Eventually } from '../../shared/eventually.js';
import type { Refusal } from '../../shared/http.js';

/**
 * What came back from book-api: the value; book-api's refusal, which the
 * frontend passes on to its client with book-api's words; or why nothing
 * usable came back (a bad gateway).
 */
export type Lookup<T> = { ok: true; value: T } | { ok: false; refused: Refusal } | { ok: false; failed: string };

/**
 * Where the frontend gets its books. Each wiring provides one: HTTP for
 * `network` and `chain`, which answers later, the WIT import for `wit`,
 * which answers at once. The handlers in app.ts cannot tell them apart, and
 * neither can a client. A version of undefined means whatever version the
 * book is at.
 */
export interface BookSource {
  /** The book for `day`, or for today (UTC, as book-api sees it) when undefined. */
  bookOfTheDay(caller: Caller, day: Weekday | undefined): Eventually<Lookup<Book>>;
  /** `count` books, cycling through the week. */
  books(caller: Caller, count: number): Eventually<Lookup<Book[]>>;
  listBooks(caller: Caller, limit: number, after: number | undefined): Eventually<Lookup<Page>>;
  getBook(caller: Caller, id: number): Eventually<Lookup<Entry>>;
  addBook(caller: Caller, book: Book): Eventually<Lookup<Entry>>;
  updateBook(caller: Caller, id: number, book: Book, version: number | undefined): Eventually<Lookup<Entry>>;
  removeBook(caller: Caller, id: number, version: number | undefined): Eventually<Lookup<void>>;
}
