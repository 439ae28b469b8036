// The books every crossings exporter hands out: `n` of book-api's catalogue
// (catalog.ts), cycling through the seven.
import type { Book } from 'bookserver:books/catalog@0.1.0';
import { books } from '../../components/book-api/src/catalog.js';

export function week(n: number): Book[] {
  const result = books(n);
  if (!result.ok) throw new RangeError(`${n} books are more than the catalogue hands out`);
  return result.value;
}
