// The URL of a call to book-api, as `new URL(base)` and `searchParams.set`
// write it, on either engine: QuickJS has no URL class. Only the plain http(s)
// URLs a Spin variable names are read (a host name or a dotted IPv4 address,
// a port, a path and a query of characters URL keeps as they are), each
// normalised as URL does; anything else is refused rather than guessed at.
import { parsePairs } from './target.js';
import { utf8 } from './utf8.js';

/** An http(s) URL in the parts wasi:http sends, and as text (`href`). */
export interface HttpUrl {
  scheme: 'http' | 'https';
  /** The host, lower-case, and the port unless it is the scheme's. */
  authority: string;
  pathWithQuery: string;
  href: string;
}

const DEFAULT_PORT = { http: 80, https: 443 } as const;

// Scheme, host, optional port, path, optional query; no user, no fragment.
const PLAIN_URL =
  /^(https?):\/\/([A-Za-z0-9._-]+)(?::(\d{1,5}))?(\/[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*)?(?:\?([A-Za-z0-9\-._~!$&()*+,;=:@/%?]*))?$/i;
/** A label URL would read as a number, making the host an IPv4 address. */
const NUMERIC_LABEL = /^(?:\d+|0x[0-9a-f]*)$/i;
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** A path segment URL resolves (`.`, `..`, and their percent-encoded spellings). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/** The bytes application/x-www-form-urlencoded writes as they are. */
const FORM_SAFE = /^[A-Za-z0-9*\-._]$/;

/** A host URL keeps as it is, lower-cased: an ASCII name, or an IPv4 address written as URL writes one. */
function plainHost(host: string): boolean {
  const labels = host.toLowerCase().split('.');
  const last = labels.at(-1) === '' ? labels.at(-2) : labels.at(-1);
  if (last !== undefined && NUMERIC_LABEL.test(last)) return DOTTED_QUAD.test(host);
  // An internationalised name would be checked as punycode.
  return !labels.some((label) => label.startsWith('xn--'));
}

function formEncoded(text: string): string {
  let out = '';
  for (const byte of utf8(text)) {
    const char = String.fromCharCode(byte);
    out += FORM_SAFE.test(char) ? char : byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `query` with each defined entry of `set` set as URLSearchParams.set does: the first pair of that name replaced, the others removed. */
function withParams(query: string, set: [string, string][]): string {
  const pairs = parsePairs(query);
  for (const [name, value] of set) {
    const at = pairs.findIndex(([key]) => key === name);
    if (at < 0) pairs.push([name, value]);
    else pairs.splice(at, pairs.length - at, [name, value], ...pairs.slice(at + 1).filter(([key]) => key !== name));
  }
  return pairs.map(([name, value]) => `${formEncoded(name)}=${formEncoded(value)}`).join('&');
}

/** `base` with `query` set on it, or undefined when it is not a URL this reads. */
export function httpUrl(base: string, query: Record<string, string | undefined> = {}): HttpUrl | undefined {
  const match = PLAIN_URL.exec(base);
  if (!match) return undefined;
  const [, schemeText, host, portText, path = '/', search] = match;
  const scheme = schemeText.toLowerCase() as HttpUrl['scheme'];
  const port = portText === undefined ? undefined : Number(portText);
  if (!plainHost(host) || (port !== undefined && port > 65535)) return undefined;
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment))) return undefined;
  const set = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const finalQuery = set.length > 0 ? withParams(search ?? '', set) : search;
  const authority = port === undefined || port === DEFAULT_PORT[scheme] ? host.toLowerCase() : `${host.toLowerCase()}:${port}`;
  const pathWithQuery = finalQuery === undefined ? path : `${path}?${finalQuery}`;
  return { scheme, authority, pathWithQuery, href: `${scheme}://${authority}${pathWithQuery}` };
}
