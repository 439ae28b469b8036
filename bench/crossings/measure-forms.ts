// What the WASI 0.3 crossings' caller answers (caller-forms.ts gives it
// wasi:http@0.3.0's handler), asked by `npm run bench:wit -- --wasi 0.3`:
//   GET ?shape=books-stream&n=100&calls=1
// times `calls` calls of one form of the contract's function (wit/forms.wit)
// with the monotonic clock, a synchronous one called without an await, an
// async one awaited and a stream read to its end (`books-stream` in reads of
// many books, `books-stream-each` book by book, as `for await` reads it),
// and answers as every crossings caller does (ask.ts).
import * as forms from 'bookserver:crossings/forms@0.1.0';
import { now } from 'wasi:clocks/monotonic-clock@0.2.10';
import type { HttpRequest, Reply } from '../../components/shared/http.js';
import { readableOf } from '../../components/shared/quickjs-handles.js';
import { answer, oneOf, sizes } from './ask.js';

const FORMS = ['nothing', 'nothing-async', 'books', 'books-async', 'books-stream', 'books-stream-each'] as const;
type Form = (typeof FORMS)[number];

/**
 * A call, told apart by whether it is awaited: an await of a synchronous
 * call would cost it a turn of the job queue. Each returns what the import
 * returns, unwrapped by nothing that would cost a call of its own.
 */
type Call = { async: false; call: (n: number) => unknown } | { async: true; call: (n: number) => Promise<unknown> };

/** The most books one read takes: a caller's buffer, which need not hold all of them (larger reads were no cheaper a book when tried). */
const READ_AT_ONCE = 64;

/** The stream read to its end, each read taking what the writer offers, up to READ_AT_ONCE; then released. */
async function readAll(stream: AsyncIterable<forms.Book>): Promise<forms.Book[]> {
  const readable = readableOf(stream);
  const items: forms.Book[] = [];
  for (let read = await readable.read(READ_AT_ONCE); read.length > 0; read = await readable.read(READ_AT_ONCE)) items.push(...read);
  readable.drop();
  return items;
}

/** The stream read book by book, as `for await` reads any async iterable. */
async function readEach(stream: AsyncIterable<forms.Book>): Promise<forms.Book[]> {
  const items: forms.Book[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

const CALL: Record<Form, Call> = {
  nothing: { async: false, call: () => forms.nothing() },
  'nothing-async': { async: true, call: () => forms.nothingAsync() },
  books: { async: false, call: (n) => forms.books(n) },
  'books-async': { async: true, call: (n) => forms.booksAsync(n) },
  'books-stream': { async: true, call: async (n) => readAll(await forms.booksStream(n)) },
  'books-stream-each': { async: true, call: async (n) => readEach(await forms.booksStream(n)) },
};

/** The books an answer carries; none from a call of nothing. */
const booksIn = (answered: unknown): forms.Book[] | undefined => (Array.isArray(answered) ? answered : undefined);

async function timed(form: Call, n: number, times: number): Promise<{ ns: bigint; answered: unknown }> {
  let answered: unknown;
  const started = now();
  if (form.async) for (let i = 0; i < times; i++) answered = await form.call(n);
  else for (let i = 0; i < times; i++) answered = form.call(n);
  return { ns: now() - started, answered };
}

export async function measureForms({ query }: HttpRequest): Promise<Reply> {
  const form = oneOf(query, 'shape', FORMS);
  if (!form.ok) return form.reply;
  const asked = sizes(query);
  if (!asked.ok) return asked.reply;
  const { n, calls } = asked.value;
  const { ns, answered } = await timed(CALL[form.value], n, calls);
  return answer({ shape: form.value, n, calls, via: 'direct' }, Number(ns), 0, booksIn(answered));
}
