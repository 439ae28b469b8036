// The API's WIT face: the catalog export. componentize-js turns a thrown
// value into the `err` case of a WIT result.
import type * as Catalog from '{{wit-package}}/catalog@0.1.0';
import { bookOfTheDay, today } from './catalog.js';

export const catalog: typeof Catalog = {
  today: () => today(),
  bookOfTheDay: (weekday) => {
    const result = bookOfTheDay(weekday);
    if (!result.ok) throw result.error;
    return result.value;
  },
};
