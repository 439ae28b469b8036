// The crossings' exporter: book-api's domain (catalog.ts) handing out the
// same books in each of the five shapes of bench/crossings/wit. Built once
// per engine, so that the benchmark compares engines on the same code.
import type * as Shapes from 'bookserver:crossings/shapes@0.1.0';
import { utf8 } from '../../components/shared/utf8.js';
import { week } from './week.js';

const json = (n: number): string => JSON.stringify(week(n));

export const shapes: typeof Shapes = {
  nothing: () => {},
  books: week,
  columns: (n) => {
    const list = week(n);
    return { titles: list.map((book) => book.title), authors: list.map((book) => book.author) };
  },
  strings: (n) => week(n).flatMap((book) => [book.title, book.author]),
  json,
  jsonBytes: (n) => utf8(json(n)),
};
