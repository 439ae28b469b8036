// The books over WIT, as the composed frontend gets them: the catalog
// functions, which wac or Spin's `dependencies` plug {{api-name}} into. Its
// typed errors become the refusals its HTTP face sends. The catalog is an
// argument, so that the tests can hand in {{api-name}}'s export.
import type * as Catalog from '{{wit-package}}/catalog@0.1.0';
import { refusalOf } from '../shared/refusal.js';
import { option, witError } from '../shared/wit-values.js';
import type { Lookup, Source } from './source.js';

const isCatalogError = (value: unknown): value is Catalog.CatalogError =>
  typeof value === 'object' && value !== null && typeof (value as { tag?: unknown }).tag === 'string';

export function witSource(catalog: typeof Catalog): Source {
  /** A call as a lookup: the `err` case of the WIT result arrives thrown. */
  const lookup = <T>(name: string, call: () => T): Lookup<T> => {
    try {
      return { ok: true, value: call() };
    } catch (cause) {
      const error = witError(cause);
      return isCatalogError(error)
        ? { ok: false, refused: refusalOf(error) }
        : { ok: false, failed: `catalog.${name} failed: ${String(cause)}` };
    }
  };
  return {
    listBooks: (caller, limit, after) =>
      lookup('list-books', () => {
        const page = catalog.listBooks(caller, limit, after);
        return { entries: page.entries, next: option(page.next) };
      }),
    getBook: (caller, id) => lookup('get-book', () => catalog.getBook(caller, id)),
    addBook: (caller, book) => lookup('add-book', () => catalog.addBook(caller, book)),
    removeBook: (caller, id) => lookup('remove-book', () => catalog.removeBook(caller, id)),
  };
}
