// The WASI 0.3 crossings' exporter on QuickJS (world forms-exporter):
// book-api's domain (catalog.ts) handing out the same books in each form of
// the contract's function that bench/crossings/wit/forms.wit declares.
import type * as Forms from 'bookserver:crossings/forms@0.1.0';
import { week } from './week.js';

/** `books` as a stream, written as the reader takes them and ended once all are taken. */
function streamed(books: Forms.Book[]): AsyncIterable<Forms.Book> {
  const { readable, writable } = wit.Stream<Forms.Book>(wit.Stream.BOOK);
  void writable.writeAll(books).then(() => writable.drop());
  return readable;
}

export const forms: typeof Forms = {
  nothing: () => {},
  nothingAsync: async () => {},
  books: week,
  booksAsync: async (n) => week(n),
  booksStream: async (n) => streamed(week(n)),
};
