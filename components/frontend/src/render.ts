import type { Book, Entry } from 'bookserver:books/catalog@0.1.0';

/** The page, as the article renders it. */
export function renderBook(book: Book): string {
  return `Today's book is _${book.title}_ by ${book.author}`;
}

/** A book of the catalogue, in a line. */
export function renderEntry({ id, version, book }: Entry): string {
  return `${id}. _${book.title}_ by ${book.author} (version ${version})`;
}
