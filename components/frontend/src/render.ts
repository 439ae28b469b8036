import type { Book } from 'bookserver:books/catalog@0.1.0';

/** The page, as the article renders it. */
export function renderBook(book: Book): string {
  return `Today's book is _${book.title}_ by ${book.author}`;
}
