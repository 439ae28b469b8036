// The book over WIT: the catalog functions, as the composed frontend calls
// them. Given as an argument, so that the tests can hand in the API's export.
import type * as Catalog from '{{wit-package}}/catalog@0.1.0';
import { invalidWeekday } from '../shared/weekday.js';
import type { BookSource } from './page.js';

const isCatalogError = (value: unknown): value is Catalog.CatalogError =>
  typeof value === 'object' && value !== null && (value as { tag?: unknown }).tag === 'invalid-weekday';

export const witSource =
  (catalog: typeof Catalog): BookSource =>
  (weekday) => {
    try {
      return { ok: true, book: catalog.bookOfTheDay(weekday ?? catalog.today()) };
    } catch (error) {
      // The `err` case of the WIT result arrives thrown, as the payload of componentize-js's ComponentError.
      const payload = (error as { payload?: unknown }).payload;
      if (isCatalogError(payload)) return { ok: false, status: 400, message: invalidWeekday(payload.val) };
      throw error;
    }
  };
