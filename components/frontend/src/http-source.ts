// The books over HTTP, as in the article: GET the URL in the Spin variable
// `book_api_url` (loopback for `network`, book-api.spin.internal for
// `chain`), and its `/books` for lists.
import type { Book } from 'bookserver:books/catalog@0.1.0';
import { get as variable } from 'wasi:config/store@0.2.0-draft-2024-09-27';
import type { BookSource, Lookup } from './book-source.js';

function isBook(value: unknown): value is Book {
  if (typeof value !== 'object' || value === null) return false;
  const { title, author } = value as Record<string, unknown>;
  return typeof title === 'string' && typeof author === 'string';
}

const asBook = (value: unknown): Book | undefined => (isBook(value) ? { title: value.title, author: value.author } : undefined);
const asBooks = (value: unknown): Book[] | undefined =>
  Array.isArray(value) && value.every(isBook) ? value.map((book) => ({ title: book.title, author: book.author })) : undefined;

/** GETs `path` under book_api_url and reads the JSON answer with `read`, which says undefined for the wrong shape. */
async function getJson<T>(
  path: string,
  query: Record<string, string>,
  read: (value: unknown) => T | undefined,
  shape: string,
): Promise<Lookup<T>> {
  const base = variable('book_api_url');
  if (!base) return { ok: false, reason: 'the Spin variable book_api_url is not set' };
  const url = new URL(base + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);

  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    return { ok: false, reason: `GET ${url} failed: ${String(cause)}` };
  }
  const body = await response.text();
  if (response.status !== 200) {
    return { ok: false, reason: `GET ${url} answered ${response.status}: ${body.slice(0, 200)}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, reason: `GET ${url} answered invalid JSON: ${body.slice(0, 200)}` };
  }
  const value = read(parsed);
  return value === undefined
    ? { ok: false, reason: `GET ${url} answered JSON that is not ${shape}: ${body.slice(0, 200)}` }
    : { ok: true, value };
}

export const httpSource: BookSource = {
  bookOfTheDay: (day) => getJson('', day === undefined ? {} : { weekday: String(day) }, asBook, 'a book'),
  books: (count) => getJson('/books', { count: String(count) }, asBooks, 'a list of books'),
};
