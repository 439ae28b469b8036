// The domain: which book is the book of the day. Both faces of the API (the
// WIT export in wit.ts and the JSON in http.ts) call this module and nothing
// else, so they cannot disagree.
import type { Book, CatalogError } from '{{wit-package}}/catalog@0.1.0';

/** The seven books, Sunday first. */
export const WEEK: readonly Book[] = [
  { title: 'Dead Souls', author: 'Nikolai Gogol' },
  { title: 'The Little Drummer Girl', author: 'John le Carré' },
  { title: 'We Were Eight Years in Power', author: 'Ta-Nehisi Coates' },
  { title: 'My Ántonia', author: 'Willa Cather' },
  { title: 'Haroun and the Sea of Stories', author: 'Salman Rushdie' },
  { title: 'The Bird King', author: 'G. Willow Wilson' },
  { title: 'The Hobbit', author: 'J.R.R. Tolkien' },
];

export type CatalogResult<T> = { ok: true; value: T } | { ok: false; error: CatalogError };

/** Today's weekday in UTC, 0 (Sunday) to 6 (Saturday). */
export const today = (now: Date = new Date()): number => now.getUTCDay();

export function bookOfTheDay(weekday: number): CatalogResult<Book> {
  const book = WEEK[weekday];
  return book ? { ok: true, value: book } : { ok: false, error: { tag: 'invalid-weekday', val: weekday } };
}
