// The book over HTTP, as in the article: GET the URL in the Spin variable
// `book_api_url` (loopback for `network`, book-api.spin.internal for `chain`).
import type { Book } from 'bookserver:books/catalog@0.1.0';
import { get as variable } from 'wasi:config/store@0.2.0-draft-2024-09-27';
import type { BookLookup, BookSource } from './book-source.js';

function isBook(value: unknown): value is Book {
  if (typeof value !== 'object' || value === null) return false;
  const { title, author } = value as Record<string, unknown>;
  return typeof title === 'string' && typeof author === 'string';
}

async function lookup(day: number | undefined): Promise<BookLookup> {
  const base = variable('book_api_url');
  if (!base) return { ok: false, reason: 'the Spin variable book_api_url is not set' };
  const url = new URL(base);
  if (day !== undefined) url.searchParams.set('weekday', String(day));

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
  if (!isBook(parsed)) {
    return { ok: false, reason: `GET ${url} answered JSON that is not a book: ${body.slice(0, 200)}` };
  }
  return { ok: true, book: { title: parsed.title, author: parsed.author } };
}

export const httpSource: BookSource = { bookOfTheDay: lookup };
