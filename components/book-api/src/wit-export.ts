// book-api's WIT face: the `bookserver:books/catalog` export. A thrown value
// becomes the `err` case of a WIT result, on either engine. Every call is
// logged with the caller's request id, as the HTTP face logs a request.
import type * as Catalog from 'bookserver:books/catalog@0.1.0';
import { type Host, logLine } from '../../shared/request-id.js';
import { option } from '../../shared/wit-values.js';
import { books, type Catalogue, type CatalogResult, today } from './catalog.js';

export function witFace(catalogue: Catalogue, host: Host): typeof Catalog {
  const answer = <T>(caller: Catalog.Caller, call: string, result: CatalogResult<T>): T => {
    logLine(host, 'book-api', caller.requestId, `catalog.${call}`, result.ok ? 'ok' : result.error.tag);
    if (!result.ok) throw result.error;
    return result.value;
  };
  // componentize-qjs passes a none as null: each option is read through option().
  const from = (caller: Catalog.Caller): Catalog.Caller => ({ requestId: caller.requestId, authorization: option(caller.authorization) });
  return {
    today: () => today(),
    bookOfTheDay: (caller, day) => answer(caller, 'book-of-the-day', catalogue.bookOfTheDay(day)),
    books: (caller, count) => answer(caller, 'books', books(count)),
    listBooks: (caller, limit, after) => answer(caller, 'list-books', catalogue.listBooks(limit, option(after))),
    getBook: (caller, id) => answer(caller, 'get-book', catalogue.getBook(id)),
    addBook: (caller, book) => answer(caller, 'add-book', catalogue.addBook(from(caller), book)),
    updateBook: (caller, id, book, version) => answer(caller, 'update-book', catalogue.updateBook(from(caller), id, book, option(version))),
    removeBook: (caller, id, version) => answer(caller, 'remove-book', catalogue.removeBook(from(caller), id, option(version))),
  };
}
