// A book in a request body, read alike by book-api (JSON) and the frontend
// (JSON, or a form): the body's size and type first, then its shape, each
// refusal naming what is at fault. What the values may be (not empty, not too
// long) is the catalogue's rule, checked by book-api alone.
import type { Book } from 'bookserver:books/catalog@0.1.0';
import { type HttpRequest, MAX_BODY, type Refusal, TOO_LARGE } from './http.js';
import { parsePairs } from './target.js';
import { fromUtf8 } from './utf8.js';

export type BodyType = 'application/json' | 'application/x-www-form-urlencoded';

const FIELDS = ['title', 'author'] as const;

export type BookRead = { ok: true; book: Book } | { ok: false; refusal: Refusal };

const refused = (status: number, message: string, field?: string): BookRead => ({
  ok: false,
  refusal: field === undefined ? { status, message } : { status, message, field },
});

const notAField = (name: string): string => `${JSON.stringify(name)} is not a field of a book, which has a title and an author`;

/** The media type of a content-type header, if it is one of `accepted`, with no charset but UTF-8. */
function mediaType(header: string | undefined, accepted: readonly BodyType[]): BodyType | undefined {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && charset !== 'utf-8' && charset !== '"utf-8"') return undefined;
  return accepted.find((candidate) => candidate === type);
}

/** The book's fields from a parsed JSON body: an object with a string title and author, and nothing else. */
function fromJson(value: unknown): BookRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refused(400, 'the body must be a JSON object with a title and an author');
  }
  const fields = value as Record<string, unknown>;
  for (const field of FIELDS) {
    if (!Object.hasOwn(fields, field)) return refused(400, `${field} is missing`, field);
    if (typeof fields[field] !== 'string') return refused(400, `${field} must be a string`, field);
  }
  const extra = Object.keys(fields).find((name) => !(FIELDS as readonly string[]).includes(name));
  if (extra !== undefined) return refused(400, notAField(extra), extra);
  // A lone surrogate (JSON's "\ud800") is no Unicode text a WIT string can carry: U+FFFD, as TextEncoder makes it.
  return { ok: true, book: { title: (fields.title as string).toWellFormed(), author: (fields.author as string).toWellFormed() } };
}

/** The book's fields from a form: each once, and nothing else. */
function fromForm(text: string): BookRead {
  const pairs = parsePairs(text);
  for (const field of FIELDS) {
    const count = pairs.filter(([name]) => name === field).length;
    if (count === 0) return refused(400, `${field} is missing`, field);
    if (count > 1) return refused(400, `${field} is given ${count} times`, field);
  }
  const extra = pairs.find(([name]) => !(FIELDS as readonly string[]).includes(name))?.[0];
  if (extra !== undefined) return refused(400, notAField(extra), extra);
  const value = (field: string): string => pairs.find(([name]) => name === field)?.[1] ?? '';
  return { ok: true, book: { title: value('title'), author: value('author') } };
}

export function readBook(request: HttpRequest, accepted: readonly BodyType[]): BookRead {
  const type = mediaType(request.headers.get('content-type'), accepted);
  if (type === undefined) {
    const given = request.headers.get('content-type');
    return refused(
      415,
      `the body must be ${accepted.join(' or ')} (UTF-8), not ${given === undefined ? 'untyped' : JSON.stringify(given)}`,
    );
  }
  if (request.body === TOO_LARGE) return refused(413, `the body must be at most ${MAX_BODY} bytes`);
  const text = fromUtf8(request.body);
  if (type === 'application/x-www-form-urlencoded') return fromForm(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused(400, 'the body is not valid JSON');
  }
  return fromJson(value);
}
