// The books over WIT: `npm run compose` plugs book-api's catalog export into
// this import, so the calls below are component-to-component calls with no
// HTTP anywhere. book-api's typed errors become the same refusals its HTTP
// face sends.
import type { CatalogError } from 'bookserver:books/catalog@0.1.0';
import * as catalog from 'bookserver:books/catalog@0.1.0';
import { refusalOf } from '../../shared/refusal.js';
import { option, witError } from '../../shared/wit-values.js';
import type { BookSource, Lookup } from './book-source.js';

const isCatalogError = (value: unknown): value is CatalogError =>
  typeof value === 'object' && value !== null && typeof (value as { tag?: unknown }).tag === 'string';

/** A catalog call as a lookup: the `err` case of the WIT result arrives as a thrown value. */
function lookup<T>(name: string, call: () => T): Lookup<T> {
  try {
    return { ok: true, value: call() };
  } catch (cause) {
    const error = witError(cause);
    return isCatalogError(error)
      ? { ok: false, refused: refusalOf(error) }
      : { ok: false, failed: `catalog.${name} failed: ${String(cause)}` };
  }
}

export const witSource: BookSource = {
  bookOfTheDay: (caller, day) => lookup('book-of-the-day', () => catalog.bookOfTheDay(caller, day ?? catalog.today())),
  books: (caller, count) => lookup('books', () => catalog.books(caller, count)),
  listBooks: (caller, limit, after) =>
    lookup('list-books', () => {
      const page = catalog.listBooks(caller, limit, after);
      return { entries: page.entries, next: option(page.next) };
    }),
  getBook: (caller, id) => lookup('get-book', () => catalog.getBook(caller, id)),
  addBook: (caller, book) => lookup('add-book', () => catalog.addBook(caller, book)),
  updateBook: (caller, id, book, version) => lookup('update-book', () => catalog.updateBook(caller, id, book, version)),
  removeBook: (caller, id, version) => lookup('remove-book', () => catalog.removeBook(caller, id, version)),
};
