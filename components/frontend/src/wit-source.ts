// The books over WIT: `npm run compose` plugs book-api's catalog export into
// this import, so the calls below are component-to-component calls with no
// HTTP anywhere.
import { bookOfTheDay, books, today } from 'bookserver:books/catalog@0.1.0';
import type { BookSource, Lookup } from './book-source.js';

/** A catalog call as a lookup: the `err` case of the WIT result arrives as a thrown value. */
function lookup<T>(name: string, call: () => T): Lookup<T> {
  try {
    return { ok: true, value: call() };
  } catch (cause) {
    return { ok: false, reason: `catalog.${name} failed: ${JSON.stringify(cause)}` };
  }
}

export const witSource: BookSource = {
  bookOfTheDay: (day) => lookup('book-of-the-day', () => bookOfTheDay(day ?? today())),
  books: (count) => lookup('books', () => books(count)),
};
