// The book over WIT: `npm run compose` plugs book-api's catalog export into
// this import, so the call below is a component-to-component call with no
// HTTP anywhere.
import { bookOfTheDay, today } from 'bookserver:books/catalog@0.1.0';
import type { BookLookup, BookSource } from './book-source.js';

export const witSource: BookSource = {
  async bookOfTheDay(day): Promise<BookLookup> {
    try {
      return { ok: true, book: bookOfTheDay(day ?? today()) };
    } catch (cause) {
      // componentize-js throws the `err` case of a WIT result as the payload.
      return { ok: false, reason: `catalog.book-of-the-day failed: ${JSON.stringify(cause)}` };
    }
  },
};
