// What the crossings' caller answers, on either engine (caller.ts and
// caller-plain.ts give it its HTTP face), asked by `npm run bench:wit`:
//   GET ?shape=books&n=100&calls=10&via=direct
// times `calls` calls of one shape with the monotonic clock, made here
// (direct: this component lifts every answer and makes books of it, as a
// user of them must: JSON parsed, columns and strings paired) or through the
// relay (which lifts next to nothing), and answers with the time and a digest
// of the last answer.
import { relay, type Shape } from 'bookserver:crossings/relay@0.1.0';
import * as shapes from 'bookserver:crossings/shapes@0.1.0';
import { now } from 'wasi:clocks/monotonic-clock@0.2.10';
import type { HttpRequest, Reply } from '../../components/shared/http.js';
import { boundedParam } from '../../components/shared/query.js';
import { fromUtf8 } from '../../components/shared/utf8.js';

const SHAPES: readonly Shape[] = ['nothing', 'books', 'columns', 'strings', 'json', 'json-bytes'];
const MAX_N = 100_000;
const MAX_CALLS = 10_000;

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

/** What the answer holds, in UTF-16 code units of its titles and authors: the same for every shape of the same books. */
function digest(answer: Answer): number {
  return (answer ?? []).reduce((sum, { title, author }) => sum + title.length + author.length, 0);
}

const text = (status: number, body: string): Reply => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });

export function measure({ query }: HttpRequest): Reply {
  const shape = query.get('shape') ?? '';
  if (!SHAPES.includes(shape as Shape)) return text(400, `query parameter "shape" must be one of ${SHAPES.join(', ')}, got "${shape}"`);
  const via = query.get('via') ?? 'direct';
  if (via !== 'direct' && via !== 'relay') return text(400, `query parameter "via" must be direct or relay, got "${via}"`);
  const n = boundedParam(query, 'n', 1, MAX_N, 1);
  if (!n.ok) return text(400, n.message);
  const calls = boundedParam(query, 'calls', 1, MAX_CALLS, 1);
  if (!calls.ok) return text(400, calls.message);
  const [size, times] = [n.value ?? 1, calls.value ?? 1];

  let answer: Answer;
  let elements = 0n;
  const started = now();
  if (via === 'relay') {
    elements = relay(shape as Shape, size, times);
  } else {
    const call = CALL[shape as Shape];
    for (let i = 0; i < times; i++) answer = call(size);
  }
  const ns = now() - started;
  const body = { shape, n: size, calls: times, via, ns: Number(ns), elements: Number(elements), digest: digest(answer) };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
