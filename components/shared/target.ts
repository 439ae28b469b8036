// A request target (`/api?weekday=3`) read as URLSearchParams reads a query,
// for a face that gets the target as text (wasi-http.ts): pairs split on `&`
// and the first `=`, `+` a space, and percent-escapes decoded as UTF-8, an
// escape that is not one kept as it is and ill-formed UTF-8 a U+FFFD.
import type { Query } from './http.js';
import { fromUtf8, utf8 } from './utf8.js';

const HEX = /^[0-9A-Fa-f]{2}$/;

function percentDecode(text: string): string {
  const plain = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(plain);
  } catch {
    // A stray % or ill-formed UTF-8: decode byte by byte, as the URL standard does.
    const bytes = utf8(plain);
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const hex = bytes[i] === 0x25 ? String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0) : '';
      if (HEX.test(hex)) {
        out.push(Number.parseInt(hex, 16));
        i += 2;
      } else out.push(bytes[i]);
    }
    return fromUtf8(new Uint8Array(out));
  }
}

/** A query or form's name-value pairs, in order, decoded. */
export function parsePairs(search: string): [string, string][] {
  return search
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      return equals < 0 ? [percentDecode(part), ''] : [percentDecode(part.slice(0, equals)), percentDecode(part.slice(equals + 1))];
    });
}

export function parseQuery(search: string): Query {
  const pairs = parsePairs(search);
  return { get: (name) => pairs.find(([key]) => key === name)?.[1] ?? null };
}

/** The path and query of a request target; the path as sent. */
export function parseTarget(pathWithQuery: string): { path: string; query: Query } {
  const mark = pathWithQuery.indexOf('?');
  return mark < 0
    ? { path: pathWithQuery || '/', query: parseQuery('') }
    : { path: pathWithQuery.slice(0, mark) || '/', query: parseQuery(pathWithQuery.slice(mark + 1)) };
}
