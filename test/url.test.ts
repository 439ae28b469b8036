// The frontend's URLs to book-api (components/shared/url.ts) against Node's
// URL class, which StarlingMonkey's fetch followed before: the same text for
// every plain http(s) URL with any query set on it, and nothing accepted that
// URL would write otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpUrl } from '../components/shared/url.js';

const RUNS = { numRuns: 500 };

/** What `new URL(base)` and `searchParams.set` make of it, or undefined when URL refuses it. */
function byUrlClass(base: string, query: Record<string, string | undefined>): { href: string; authority: string } | undefined {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return undefined;
  }
  for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
  return { href: url.href, authority: url.host };
}

const mixedCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((char, at) => (upper[at] ? char.toUpperCase() : char)).join(''));
const scheme = fc.constantFrom('http', 'https').chain(mixedCase);
const label = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,8}$/);
const octet = fc.integer({ min: 0, max: 255 }).map(String);
const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
  fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.')),
  fc.constantFrom('book-api.spin.internal', 'localhost', '127.0.0.1'),
);
const port = fc.option(fc.oneof(fc.integer({ min: 1, max: 65535 }).map(String), fc.constantFrom('80', '443', '080', '0')), {
  nil: undefined,
});
const segment = fc.stringMatching(/^[A-Za-z0-9\-_~!$&'()*+,;=:@%]{1,6}$/).filter((text) => !/^(?:\.|%2e){1,2}$/i.test(text));
const path = fc.array(segment, { maxLength: 4 }).map((segments) => segments.map((s) => `/${s}`).join(''));
const search = fc.option(fc.stringMatching(/^[A-Za-z0-9\-._~!$&()*+,;=:@/%?]{0,12}$/), { nil: undefined });
const plainBase = fc
  .tuple(scheme, host, port, path, search)
  .map(([s, h, p, pa, q]) => `${s}://${h}${p === undefined ? '' : `:${p}`}${pa}${q === undefined ? '' : `?${q}`}`);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom('weekday', 'count', 'limit', 'cursor'), fc.string()),
  fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
  { maxKeys: 3 },
);

describe("the frontend's URL to book-api", () => {
  it('is what the URL class writes, for any plain http(s) URL and any query set on it', () => {
    fc.assert(
      fc.property(plainBase, query, (base, params) => {
        const url = httpUrl(base, params);
        expect(url && { href: url.href, authority: url.authority }).toEqual(byUrlClass(base, params));
        expect(url && `${url.scheme}://${url.authority}${url.pathWithQuery}`).toBe(url?.href);
      }),
      RUNS,
    );
  });

  it('accepts nothing that the URL class would write otherwise, or refuse', () => {
    const mangled = fc
      .tuple(plainBase, fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }))
      .map(([base, at, inserted]) => base.slice(0, at % (base.length + 1)) + inserted + base.slice(at % (base.length + 1)));
    fc.assert(
      fc.property(fc.oneof(mangled, fc.string()), query, (base, params) => {
        const url = httpUrl(base, params);
        if (url !== undefined) expect({ href: url.href, authority: url.authority }).toEqual(byUrlClass(base, params));
      }),
      RUNS,
    );
  });

  it('sets a parameter already in the query where it was, once, and keeps the rest', () => {
    expect(httpUrl('http://a.test/api?x=1&weekday=9&y=2&weekday=8', { weekday: '3', count: 'a b' })?.href).toBe(
      'http://a.test/api?x=1&weekday=3&y=2&count=a+b',
    );
  });

  it.each([
    ['a user', 'http://me@book-api.spin.internal/api'],
    ['a fragment', 'http://book-api.spin.internal/api#top'],
    ['an IPv6 address', 'http://[::1]:3000/api'],
    ['an IPv4 address URL would rewrite', 'http://127.1:3000/api'],
    ['a dot segment', 'http://book-api.spin.internal/v1/../api'],
    ['another scheme', 'ftp://book-api.spin.internal/api'],
    ['no authority', 'http:/book-api.spin.internal/api'],
    ['a port out of range', 'http://127.0.0.1:65536/api'],
    ['spaces around it', ' http://book-api.spin.internal/api'],
  ])('refuses a URL with %s', (_case, base) => {
    expect(httpUrl(base)).toBeUndefined();
  });
});
