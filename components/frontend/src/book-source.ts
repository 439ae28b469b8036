import type { Book, Weekday } from 'bookserver:books/catalog@0.1.0';

/** What came back from book-api, or why nothing usable did. */
export type BookLookup = { ok: true; book: Book } | { ok: false; reason: string };

/**
 * Where the frontend gets its book. Each wiring provides one: HTTP for
 * `network` and `chain`, the WIT import for `wit`. The handler in app.ts
 * cannot tell them apart.
 */
export interface BookSource {
  /** The book for `day`, or for today (UTC, as book-api sees it) when undefined. */
  bookOfTheDay(day: Weekday | undefined): Promise<BookLookup>;
}
