// {{frontend-name}}'s page, whichever way the book arrives: over HTTP
// (main-http.ts) or over WIT (main-wit.ts). One renderer for both.
import type { Book } from '{{wit-package}}/catalog@0.1.0';
import { weekdayParam } from '../shared/weekday.js';

/** The book, or the status and message to answer instead. */
export type Lookup = { ok: true; book: Book } | { ok: false; status: number; message: string };

/** Where the book comes from: the weekday asked for, undefined for today. */
export type BookSource = (weekday: number | undefined) => Lookup | Promise<Lookup>;

export const renderBook = (book: Book): string => `Today's book is _${book.title}_ by ${book.author}`;

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function page(request: Request, source: BookSource): Promise<Response> {
  const weekday = weekdayParam(new URL(request.url).searchParams);
  if (!weekday.ok) return text(400, weekday.message);
  const found = await source(weekday.value);
  return found.ok ? text(200, renderBook(found.book)) : text(found.status, found.message);
}

export function servePage(source: BookSource): void {
  addEventListener('fetch', (event) => event.respondWith(page(event.request, source)));
}
