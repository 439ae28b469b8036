import type { Book, Weekday } from 'bookserver:books/catalog@0.1.0';
import type { Eventually } from '../../shared/eventually.js';

/** What came back from book-api, or why nothing usable did. */
export type Lookup<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Where the frontend gets its books. Each wiring provides one: HTTP for
 * `network` and `chain`, which answers later, the WIT import for `wit`,
 * which answers at once. The handlers in app.ts cannot tell them apart.
 */
export interface BookSource {
  /** The book for `day`, or for today (UTC, as book-api sees it) when undefined. */
  bookOfTheDay(day: Weekday | undefined): Eventually<Lookup<Book>>;
  /** `count` books, cycling through the week. */
  books(count: number): Eventually<Lookup<Book[]>>;
}
