// A book in a request body, read alike by {{api-name}} (JSON) and
// {{frontend-name}} (JSON, or a form): its size and type first, then its
// shape, each refusal naming what is at fault. What the values may be (not
// empty, not too long) is the catalogue's rule, checked by {{api-name}} alone.
import type { Book } from '{{wit-package}}/catalog@0.1.0';
import { type HttpRequest, MAX_BODY, parsePairs, type Refusal, TOO_LARGE } from './http.js';
import { fromUtf8 } from './utf8.js';

export type BodyType = 'application/json' | 'application/x-www-form-urlencoded';

export type BookRead = { ok: true; book: Book } | { ok: false; refusal: Refusal };

const FIELDS = ['title', 'author'];

const refused = (status: number, message: string, field?: string): BookRead => ({
  ok: false,
  refusal: field === undefined ? { status, message } : { status, message, field },
});

/** The media type of a content-type header, if it is one of `accepted`, with no charset but UTF-8. */
function mediaType(header: string | undefined, accepted: readonly BodyType[]): BodyType | undefined {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && charset !== 'utf-8' && charset !== '"utf-8"') return undefined;
  return accepted.find((candidate) => candidate === type);
}

/** Each field once, as a string, and nothing else. */
function fromFields(names: string[], value: (field: string) => unknown, count: (field: string) => number): BookRead {
  for (const field of FIELDS) {
    if (count(field) === 0) return refused(400, `${field} is missing`, field);
    if (count(field) > 1) return refused(400, `${field} is given ${count(field)} times`, field);
    if (typeof value(field) !== 'string') return refused(400, `${field} must be a string`, field);
  }
  const extra = names.find((name) => !FIELDS.includes(name));
  if (extra !== undefined) return refused(400, `${JSON.stringify(extra)} is not a field of a book, which has a title and an author`, extra);
  return { ok: true, book: { title: value('title') as string, author: value('author') as string } };
}

export function readBook(request: HttpRequest, accepted: readonly BodyType[]): BookRead {
  const given = request.headers.get('content-type');
  const type = mediaType(given, accepted);
  if (type === undefined) {
    return refused(
      415,
      `the body must be ${accepted.join(' or ')} (UTF-8), not ${given === undefined ? 'untyped' : JSON.stringify(given)}`,
    );
  }
  if (request.body === TOO_LARGE) return refused(413, `the body must be at most ${MAX_BODY} bytes`);
  let text: string;
  try {
    text = fromUtf8(request.body);
  } catch {
    return refused(400, 'the body is not UTF-8');
  }
  if (type === 'application/x-www-form-urlencoded') {
    const pairs = parsePairs(text);
    const names = pairs.map(([name]) => name);
    return fromFields(
      names,
      (field) => pairs.find(([name]) => name === field)?.[1],
      (field) => names.filter((name) => name === field).length,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refused(400, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refused(400, 'the body must be a JSON object with a title and an author');
  }
  const object = value as Record<string, unknown>;
  return fromFields(
    Object.keys(object),
    (field) => object[field],
    (field) => (Object.hasOwn(object, field) ? 1 : 0),
  );
}
