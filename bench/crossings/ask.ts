// What every crossings caller is asked and how it answers, whatever its
// engine and WASI version (measure.ts, measure-forms.ts):
//   GET ?shape=books&n=100&calls=10
// and, in JSON, what was asked with the time the calls took and a digest of
// the books the last one brought.
import type { Book } from 'bookserver:books/catalog@0.1.0';
import type { Query, Reply } from '../../components/shared/http.js';
import { boundedParam } from '../../components/shared/query.js';

const MAX_N = 100_000;
const MAX_CALLS = 10_000;

/** A parameter read, or the 400 that refuses it. */
export type Asked<T> = { ok: true; value: T } | { ok: false; reply: Reply };

const text = (status: number, body: string): Reply => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });

const refused = (message: string): Asked<never> => ({ ok: false, reply: text(400, message) });

/** "a or b", "one of a, b, c". */
const choices = (names: readonly string[]): string => (names.length === 2 ? `${names[0]} or ${names[1]}` : `one of ${names.join(', ')}`);

/** `name` as one of `names`. */
export function oneOf<T extends string>(query: Query, name: string, names: readonly T[], fallback?: T): Asked<T> {
  const given = query.get(name) ?? fallback ?? '';
  const known = (value: string): value is T => (names as readonly string[]).includes(value);
  return known(given) ? { ok: true, value: given } : refused(`query parameter "${name}" must be ${choices(names)}, got "${given}"`);
}

/** Books a call (`n`) and calls a request (`calls`), one of each when not given. */
export function sizes(query: Query): Asked<{ n: number; calls: number }> {
  const n = boundedParam(query, 'n', 1, MAX_N, 1);
  if (!n.ok) return refused(n.message);
  const calls = boundedParam(query, 'calls', 1, MAX_CALLS, 1);
  if (!calls.ok) return refused(calls.message);
  return { ok: true, value: { n: n.value ?? 1, calls: calls.value ?? 1 } };
}

/** What the books hold, in UTF-16 code units of their titles and authors: the same for every shape of the same books. */
const digest = (books: readonly Book[] | undefined): number =>
  (books ?? []).reduce((sum, { title, author }) => sum + title.length + author.length, 0);

/** The answer: what was asked, how long its calls took, and what came back (elements through a relay, the digest of books made here). */
export function answer(asked: Record<string, string | number>, ns: number, elements: number, books: readonly Book[] | undefined): Reply {
  const body = { ...asked, ns, elements, digest: digest(books) };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
