// The domain: which book is the book of the day. Both faces of book-api (the
// WIT export in wit-export.ts and the JSON routes in http.ts) call this module
// and nothing else, so they cannot disagree.
import type { Book, CatalogError, Weekday } from 'bookserver:books/catalog@0.1.0';
import { isWeekday } from '../../shared/query.js';

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

/** The largest list `books` hands out; the WIT contract documents it. */
export const MAX_BOOKS = 100_000;

export type CatalogResult<T> = { ok: true; value: T } | { ok: false; error: CatalogError };

/** Today's weekday in UTC, 0 (Sunday) to 6 (Saturday). */
export function today(now: Date = new Date()): Weekday {
  return now.getUTCDay();
}

export function bookOfTheDay(day: Weekday): CatalogResult<Book> {
  if (!isWeekday(day)) {
    return { ok: false, error: { tag: 'invalid-weekday', val: day } };
  }
  return { ok: true, value: WEEK[day] };
}

export function books(count: number): CatalogResult<Book[]> {
  if (count > MAX_BOOKS) {
    return { ok: false, error: { tag: 'too-many-books', val: count } };
  }
  return { ok: true, value: Array.from({ length: count }, (_, i) => WEEK[i % WEEK.length]) };
}
