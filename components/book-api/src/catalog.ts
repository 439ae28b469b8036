// The domain: the catalogue, kept in a key-value store, and which book is the
// book of the day. Both faces of book-api (the WIT export in wit-export.ts
// and the JSON routes in http.ts) call this module and nothing else, so they
// cannot disagree, and every write is checked here, whichever face it came
// through.
//
// In the store: `book:<id>` holds a book as JSON with its version;
// `catalogue:added` counts the books added (ids follow the week's seven);
// `catalogue:week` says the week was written. A fresh store holds nothing:
// the first request that misses one of the week's books writes the
// article's seven as ids 1 to 7, with `catalogue:week`, in one step, and
// only that request (`catalogue:writing`, incremented, is 1 for it alone).
// Requests that miss while it writes read the week as it will be written,
// and a write to one of its books is asked to come again (503).
import type { Book, Caller, CatalogError, Entry, Page, Weekday } from 'bookserver:books/catalog@0.1.0';
import { MAX_BOOKS, MAX_FIELD, MAX_PAGE } from '../../shared/limits.js';
import { isWeekday } from '../../shared/query.js';
import { fromUtf8, utf8 } from '../../shared/utf8.js';
import { type Credentials, checkCredentials } from './credentials.js';
import { type BookStore, StoreError } from './store.js';
import week from './week.json' with { type: 'json' };

/**
 * The article's seven books, Sunday first: ids 1 to 7 of a fresh catalogue.
 * week.json is their one source: the Rust floor (components/floor) embeds it too.
 */
export const WEEK: readonly Book[] = week;

export type CatalogResult<T> = { ok: true; value: T } | { ok: false; error: CatalogError };

const ok = <T>(value: T): CatalogResult<T> => ({ ok: true, value });
const fail = <T>(error: CatalogError): CatalogResult<T> => ({ ok: false, error });

const WEEK_WRITTEN = 'catalogue:week';
const WRITING_WEEK = 'catalogue:writing';
const ADDED = 'catalogue:added';
const KEY = /^book:([1-9]\d*)$/;
const keyOf = (id: number): string => `book:${id}`;

/** Today's weekday in UTC, 0 (Sunday) to 6 (Saturday). */
export function today(now: Date = new Date()): Weekday {
  return now.getUTCDay();
}

/** `count` books cycling through the week: a payload of any size, not the store's. */
export function books(count: number): CatalogResult<Book[]> {
  if (count > MAX_BOOKS) return fail({ tag: 'too-many-books', val: count });
  return ok(Array.from({ length: count }, (_, i) => WEEK[i % WEEK.length]));
}

/** Why `book` cannot be stored, naming the field, or undefined when it can. Control characters are refused: a title is one line of text. */
export function bookProblem(book: Book): CatalogError | undefined {
  for (const field of ['title', 'author'] as const) {
    const value = book[field];
    const reason =
      value.trim() === ''
        ? `${field} must not be empty`
        : [...value].length > MAX_FIELD
          ? `${field} must be at most ${MAX_FIELD} characters, got ${[...value].length}`
          : [...value].some((character) => character < ' ' || character === '\u007f')
            ? `${field} must not hold control characters`
            : undefined;
    if (reason) return { tag: 'invalid-book', val: { field, reason } };
  }
  return undefined;
}

interface Stored {
  title: string;
  author: string;
  version: number;
}

const encode = (entry: Entry): Uint8Array =>
  utf8(JSON.stringify({ title: entry.book.title, author: entry.book.author, version: entry.version } satisfies Stored));

/** A stored book; a value that is not one is the store's fault. */
function decode(id: number, bytes: Uint8Array): Entry {
  const value = JSON.parse(fromUtf8(bytes)) as Partial<Stored>;
  if (typeof value.title !== 'string' || typeof value.author !== 'string' || typeof value.version !== 'number') {
    throw new StoreError(`${keyOf(id)} does not hold a book`);
  }
  return { id, version: value.version, book: { title: value.title, author: value.author } };
}

/** A store failure as the catalogue's error; anything else is a bug, thrown on. */
function guarded<T>(body: () => CatalogResult<T>): CatalogResult<T> {
  try {
    return body();
  } catch (error) {
    if (error instanceof StoreError) return fail({ tag: 'unavailable', val: error.message });
    throw error;
  }
}

export interface Catalogue {
  bookOfTheDay(day: Weekday): CatalogResult<Book>;
  listBooks(limit: number, after: number | undefined): CatalogResult<Page>;
  getBook(id: number): CatalogResult<Entry>;
  addBook(caller: Caller, book: Book): CatalogResult<Entry>;
  updateBook(caller: Caller, id: number, book: Book, version: number | undefined): CatalogResult<Entry>;
  removeBook(caller: Caller, id: number, version: number | undefined): CatalogResult<void>;
}

export function catalogue(store: BookStore, credentials: Credentials): Catalogue {
  /** The week in the store: written (before, or now by this request), or being written by another request right now. */
  const week = (): 'written' | 'being-written' => {
    if (store.get(WEEK_WRITTEN) !== undefined) return 'written';
    if (store.increment(WRITING_WEEK, 1) !== 1) return store.get(WEEK_WRITTEN) === undefined ? 'being-written' : 'written';
    const books = WEEK.map((book, i): [string, Uint8Array] => [keyOf(i + 1), encode({ id: i + 1, version: 1, book })]);
    store.setMany([...books, [WEEK_WRITTEN, utf8('1')]]);
    return 'written';
  };
  /** A week's book as the request that writes the week writes it. */
  const unwritten = (id: number): Entry => ({ id, version: 1, book: WEEK[id - 1] });
  const isWeek = (id: number): boolean => id >= 1 && id <= WEEK.length;
  const find = (id: number): Entry | undefined => {
    const bytes = store.get(keyOf(id));
    if (bytes !== undefined) return decode(id, bytes);
    if (!isWeek(id)) return undefined;
    if (week() === 'being-written') return unwritten(id);
    const written = store.get(keyOf(id));
    return written && decode(id, written);
  };
  /** Why a write to book `id` must wait: the week is being written, and `id` is one of its books. */
  const settingUp = (id: number): CatalogError | undefined =>
    isWeek(id) && week() === 'being-written' ? { tag: 'unavailable', val: 'the catalogue is being set up; try again' } : undefined;
  const authorized = (caller: Caller): CatalogError | undefined => checkCredentials(caller.authorization, credentials);

  return {
    bookOfTheDay: (day) =>
      guarded(() => {
        if (!isWeekday(day)) return fail({ tag: 'invalid-weekday', val: day });
        const entry = find(day + 1);
        return entry ? ok(entry.book) : fail({ tag: 'not-found', val: day + 1 });
      }),

    listBooks: (limit, after) =>
      guarded(() => {
        if (limit < 1 || limit > MAX_PAGE) return fail({ tag: 'invalid-limit', val: limit });
        let keys = store.keys();
        const writing = !keys.includes(WEEK_WRITTEN) && week() === 'being-written';
        if (!keys.includes(WEEK_WRITTEN) && !writing) keys = store.keys();
        const stored = keys.flatMap((key) => {
          const id = key.match(KEY)?.[1];
          return id === undefined ? [] : [Number(id)];
        });
        const ids = [...new Set([...stored, ...(writing ? WEEK.map((_, i) => i + 1) : [])])]
          .filter((id) => after === undefined || id > after)
          .sort((a, b) => a - b);
        const page = ids.slice(0, limit);
        const found = store.getMany(page.map(keyOf));
        // A book removed between the listing and the read is left out.
        const entries = page.flatMap((id) => {
          const bytes = found.get(keyOf(id));
          return bytes ? [decode(id, bytes)] : writing && isWeek(id) ? [unwritten(id)] : [];
        });
        return ok({ entries, next: ids.length > limit ? page.at(-1) : undefined });
      }),

    getBook: (id) =>
      guarded(() => {
        const entry = find(id);
        return entry ? ok(entry) : fail({ tag: 'not-found', val: id });
      }),

    addBook: (caller, book) =>
      guarded(() => {
        const refused = authorized(caller) ?? bookProblem(book);
        if (refused) return fail(refused);
        const entry: Entry = { id: WEEK.length + store.increment(ADDED, 1), version: 1, book };
        store.set(keyOf(entry.id), encode(entry));
        return ok(entry);
      }),

    updateBook: (caller, id, book, version) =>
      guarded(() => {
        const refused = authorized(caller) ?? bookProblem(book) ?? settingUp(id);
        if (refused) return fail(refused);
        if (isWeek(id)) find(id); // a fresh store gets its week first, so that the week's book is there to watch
        const watched = store.watch(keyOf(id));
        if (watched.current === undefined) return fail({ tag: 'not-found', val: id });
        const current = decode(id, watched.current);
        if (version !== undefined && version !== current.version) return fail({ tag: 'version-mismatch', val: current.version });
        const next: Entry = { id, version: current.version + 1, book };
        const result = watched.swap(encode(next));
        if (result.swapped) return ok(next);
        // Another writer got there first: this one loses, whatever it named.
        return result.current === undefined
          ? fail({ tag: 'not-found', val: id })
          : fail({ tag: 'version-mismatch', val: decode(id, result.current).version });
      }),

    removeBook: (caller, id, version) =>
      guarded(() => {
        const refused = authorized(caller) ?? settingUp(id);
        if (refused) return fail(refused);
        const current = find(id);
        if (!current) return fail({ tag: 'not-found', val: id });
        if (version !== undefined && version !== current.version) return fail({ tag: 'version-mismatch', val: current.version });
        // wasi:keyvalue has no conditional delete: a write between the check and here is removed with the book.
        store.delete(keyOf(id));
        return ok(undefined);
      }),
  };
}
