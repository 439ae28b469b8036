// The domain: the catalogue, kept in a key-value store. Both faces of
// {{api-name}} (the WIT export in wit.ts, the JSON in http.ts) call this module
// and nothing else, so they cannot disagree, and every write is checked
// here, whichever face it came through.
//
// In the store: `book:<id>` holds a book as JSON; `books:last-id` counts the
// ids given, so that no id is given twice, not even one whose book was removed.
import type { Book, Caller, CatalogError, Entry, Page } from '{{wit-package}}/catalog@0.1.0';
import { MAX_PAGE } from '../shared/params.js';
import { fromUtf8, utf8 } from '../shared/utf8.js';
import { type Credentials, checkCredentials } from './credentials.js';
import { type Store, StoreError } from './store.js';

/** The longest title or author, in characters (code points). */
export const MAX_FIELD = 200;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CatalogError };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: CatalogError): Result<T> => ({ ok: false, error });

const LAST_ID = 'books:last-id';
const KEY = /^book:([1-9]\d*)$/;
const keyOf = (id: number): string => `book:${id}`;

/** Why `book` cannot be stored, naming the field, or undefined when it can. */
export function bookProblem(book: Book): CatalogError | undefined {
  for (const field of ['title', 'author'] as const) {
    const value = book[field];
    const length = [...value].length;
    const reason =
      value.trim() === ''
        ? `${field} must not be empty`
        : length > MAX_FIELD
          ? `${field} must be at most ${MAX_FIELD} characters, got ${length}`
          : [...value].some((char) => char < ' ' || char === '\u007f')
            ? `${field} must not hold control characters`
            : undefined;
    if (reason) return { tag: 'invalid-book', val: { field, reason } };
  }
  return undefined;
}

/** A stored book; a value that is not one is the store's fault. */
function decode(id: number, bytes: Uint8Array): Entry {
  const value = JSON.parse(fromUtf8(bytes)) as Partial<Book>;
  if (typeof value.title !== 'string' || typeof value.author !== 'string') throw new StoreError(`${keyOf(id)} does not hold a book`);
  return { id, book: { title: value.title, author: value.author } };
}

/** A store failure as the catalogue's error; anything else is a bug, thrown on. */
function guarded<T>(body: () => Result<T>): Result<T> {
  try {
    return body();
  } catch (error) {
    if (error instanceof StoreError) return fail({ tag: 'unavailable', val: error.message });
    throw error;
  }
}

export interface Catalogue {
  listBooks(limit: number, after: number | undefined): Result<Page>;
  getBook(id: number): Result<Entry>;
  addBook(caller: Caller, book: Book): Result<Entry>;
  removeBook(caller: Caller, id: number): Result<void>;
}

export function catalogue(store: Store, credentials: Credentials): Catalogue {
  return {
    listBooks: (limit, after) =>
      guarded(() => {
        if (limit < 1 || limit > MAX_PAGE) return fail({ tag: 'invalid-limit', val: limit });
        const ids = store
          .keys()
          .flatMap((key) => {
            const id = key.match(KEY)?.[1];
            return id === undefined ? [] : [Number(id)];
          })
          .filter((id) => after === undefined || id > after)
          .sort((a, b) => a - b);
        // A book removed between the listing and the read is left out.
        const entries = ids.slice(0, limit).flatMap((id) => {
          const bytes = store.get(keyOf(id));
          return bytes === undefined ? [] : [decode(id, bytes)];
        });
        return ok({ entries, next: ids.length > limit ? ids[limit - 1] : undefined });
      }),

    getBook: (id) =>
      guarded(() => {
        const bytes = store.get(keyOf(id));
        return bytes === undefined ? fail({ tag: 'not-found', val: id }) : ok(decode(id, bytes));
      }),

    addBook: (caller, book) =>
      guarded(() => {
        const refused = checkCredentials(caller.authorization, credentials) ?? bookProblem(book);
        if (refused) return fail(refused);
        const id = store.increment(LAST_ID, 1);
        store.set(keyOf(id), utf8(JSON.stringify({ title: book.title, author: book.author })));
        return ok({ id, book });
      }),

    removeBook: (caller, id) =>
      guarded(() => {
        const refused = checkCredentials(caller.authorization, credentials);
        if (refused) return fail(refused);
        if (store.get(keyOf(id)) === undefined) return fail({ tag: 'not-found', val: id });
        store.delete(keyOf(id));
        return ok(undefined);
      }),
  };
}
