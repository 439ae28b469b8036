// The book over HTTP: GET the API's JSON, as the chained frontend does. The
// fetch is an argument, so that the tests can hand in the API's handler.
import type { Book } from '{{wit-package}}/catalog@0.1.0';
import type { BookSource } from './page.js';

const isBook = (value: unknown): value is Book =>
  typeof value === 'object' && value !== null && typeof (value as Book).title === 'string' && typeof (value as Book).author === 'string';

export const httpSource =
  (api: string, get: (url: string) => Promise<Response>): BookSource =>
  async (weekday) => {
    const url = weekday === undefined ? api : `${api}?weekday=${weekday}`;
    let response: Response;
    try {
      response = await get(url);
    } catch (cause) {
      return { ok: false, status: 502, message: `GET ${url} failed: ${String(cause)}` };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 200 && isBook(body)) return { ok: true, book: { title: body.title, author: body.author } };
    // The API's 400 says what is wrong with the weekday, in the words the composed frontend uses.
    const error = (body as { error?: unknown } | undefined)?.error;
    if (response.status === 400 && typeof error === 'string') return { ok: false, status: 400, message: error };
    return { ok: false, status: 502, message: `GET ${url} answered ${response.status} without a book` };
  };
