// What the crossings' caller answers, on either engine (caller.ts and
// caller-plain.ts give it its HTTP face), asked by `npm run bench:wit`:
//   GET ?shape=books&n=100&calls=10&via=direct
// times `calls` calls of one shape with the monotonic clock, made here
// (direct: this component lifts every answer and makes books of it, as a
// user of them must: JSON parsed, columns and strings paired) or through the
// relay (which lifts next to nothing), and answers with the time and a digest
// of the last answer (ask.ts).
import { relay, type Shape } from 'bookserver:crossings/relay@0.1.0';
import * as shapes from 'bookserver:crossings/shapes@0.1.0';
import { now } from 'wasi:clocks/monotonic-clock@0.2.10';
import type { HttpRequest, Reply } from '../../components/shared/http.js';
import { fromUtf8 } from '../../components/shared/utf8.js';
import { answer, oneOf, sizes } from './ask.js';

const SHAPES: readonly Shape[] = ['nothing', 'books', 'columns', 'strings', 'json', 'json-bytes'];
const VIAS = ['direct', 'relay'] as const;

type Answer = shapes.Book[] | undefined;

const parseBooks = (text: string): shapes.Book[] => JSON.parse(text) as shapes.Book[];

const zipBooks = ({ titles, authors }: shapes.BookColumns): shapes.Book[] => titles.map((title, i) => ({ title, author: authors[i] }));

// An odd string out leaves a book without an author, which digest() fails on, as the Python caller's strict zip does.
function pairBooks(strings: readonly string[]): shapes.Book[] {
  const books: shapes.Book[] = [];
  for (let i = 0; i < strings.length; i += 2) books.push({ title: strings[i], author: strings[i + 1] });
  return books;
}

/** One call of each shape, its answer as the books it carries. */
const CALL: Record<Shape, (n: number) => Answer> = {
  nothing: () => {
    shapes.nothing();
    return undefined;
  },
  books: (n) => shapes.books(n),
  columns: (n) => zipBooks(shapes.columns(n)),
  strings: (n) => pairBooks(shapes.strings(n)),
  json: (n) => parseBooks(shapes.json(n)),
  'json-bytes': (n) => parseBooks(fromUtf8(shapes.jsonBytes(n))),
};

export function measure({ query }: HttpRequest): Reply {
  const shape = oneOf(query, 'shape', SHAPES);
  if (!shape.ok) return shape.reply;
  const via = oneOf(query, 'via', VIAS, 'direct');
  if (!via.ok) return via.reply;
  const asked = sizes(query);
  if (!asked.ok) return asked.reply;
  const { n: size, calls: times } = asked.value;

  let answered: Answer;
  let elements = 0n;
  const started = now();
  if (via.value === 'relay') {
    elements = relay(shape.value, size, times);
  } else {
    const call = CALL[shape.value];
    for (let i = 0; i < times; i++) answered = call(size);
  }
  const ns = now() - started;
  return answer({ shape: shape.value, n: size, calls: times, via: via.value }, Number(ns), Number(elements), answered);
}
