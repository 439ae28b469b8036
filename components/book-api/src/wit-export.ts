// book-api's WIT face: the `bookserver:books/catalog` export. componentize-js
// turns a thrown value into the `err` case of a WIT result.
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import { bookOfTheDay, books, today, type CatalogResult } from './catalog.js';

function unwrap<T>(result: CatalogResult<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

export const catalog: typeof Catalog = {
  today: () => today(),
  bookOfTheDay: (day) => unwrap(bookOfTheDay(day)),
  books: (count) => unwrap(books(count)),
};
