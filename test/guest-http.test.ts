// What the guests' own HTTP face (components/shared/wasi-http.ts) reads and
// writes without a web platform under it, as on QuickJS: a request target
// read as URLSearchParams reads it, and UTF-8 both ways as TextEncoder and
// TextDecoder make it, for arbitrary input.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseQuery, parseTarget } from '../components/shared/target.js';
import { fromUtf8, utf8 } from '../components/shared/utf8.js';

const RUNS = { numRuns: 500 };

/** Characters a query is made of, ill-formed escapes and UTF-8 among them. */
const queryText = fc
  .array(
    fc.constantFrom(
      'a',
      'b',
      'weekday',
      '=',
      '&',
      '+',
      '%',
      '%2',
      '%41',
      '%C3%A9',
      '%C3',
      '%E2%82',
      '%ED%A0%80',
      '%zz',
      'é',
      '📚',
      '3',
      '',
    ),
  )
  .map((parts) => parts.join(''));

describe('a query read without URLSearchParams', () => {
  // The reference is a URL's searchParams, what the fetch-event face reads (Node 20's
  // URLSearchParams constructor mis-decodes a non-ASCII character after an ill-formed escape).
  it("finds what a URL's searchParams find, for any name they hold", () => {
    fc.assert(
      fc.property(queryText, (search) => {
        const ours = parseQuery(search);
        const theirs = new URL(`http://example.test/?${search}`).searchParams;
        for (const name of [...theirs.keys(), 'a', 'weekday', 'absent']) expect(ours.get(name)).toBe(theirs.get(name));
      }),
      RUNS,
    );
  });

  it('splits a target into its path, as sent, and its query', () => {
    const target = parseTarget('/api/books?count=9&count=10');
    expect(target.path).toBe('/api/books');
    expect(target.query.get('count')).toBe('9');
    expect(parseTarget('/api').query.get('count')).toBeNull();
    expect(parseTarget('?weekday=3').path).toBe('/');
  });
});

describe('UTF-8 without the web platform', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('decodes as TextDecoder does, each ill-formed sequence a U+FFFD', () => {
    const decoder = new TextDecoder();
    vi.stubGlobal('TextDecoder', undefined);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(fromUtf8(bytes)).toBe(decoder.decode(bytes));
      }),
      RUNS,
    );
  });

  it.skipIf(typeof Uint8Array.fromBase64 !== 'function')('encodes as TextEncoder does, lone surrogates included', () => {
    const encoder = new TextEncoder();
    vi.stubGlobal('TextEncoder', undefined);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8(text)).toEqual(encoder.encode(text));
      }),
      RUNS,
    );
  });
});
