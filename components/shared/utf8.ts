// UTF-8 in either engine. StarlingMonkey has TextEncoder and TextDecoder;
// QuickJS has neither. There, encoding goes through built-ins that each run
// natively: the string made well-formed (a lone surrogate becomes U+FFFD, as
// TextEncoder makes it), percent-encoded as UTF-8, unescaped to a character
// a byte, and read back as bytes; decoding goes the same way back. Bytes
// that are not well-formed UTF-8 are decoded as the WHATWG decoder does, each
// ill-formed sequence a U+FFFD, in script.

export function utf8(text: string): Uint8Array {
  if (typeof TextEncoder === 'function') return new TextEncoder().encode(text);
  return Uint8Array.fromBase64(btoa(unescape(encodeURIComponent(text.toWellFormed()))));
}

/** Bytes as latin1, a character each: how HTTP header values are read as text. */
export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096) text += String.fromCharCode(...bytes.subarray(at, at + 4096));
  return text;
}

/** Text of latin1 characters as bytes, a byte each: a header value sent as it came (Fetch sends a ByteString so). */
export const latin1Bytes = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

const REPLACEMENT = 0xfffd;

/** The bounds of the second byte after a lead byte, where the first continuation byte is narrower than 0x80..0xBF. */
function secondByteBounds(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

export function fromUtf8(input: Uint8Array): string {
  if (typeof TextDecoder === 'function') return new TextDecoder().decode(input);
  // A byte order mark is no part of the text, as TextDecoder drops it.
  const bytes = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  try {
    // Natively, the way back: bytes to a character each, percent-escaped, decoded as UTF-8; ill-formed UTF-8 throws.
    return decodeURIComponent(escape(atob(bytes.toBase64())));
  } catch {
    return decodeByCodePoint(bytes);
  }
}

/** The WHATWG decoder, in script. */
function decodeByCodePoint(bytes: Uint8Array): string {
  const points: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    const needed =
      lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (needed <= 0) {
      points.push(needed === 0 ? lead : REPLACEMENT);
      i++;
      continue;
    }
    let point = lead & (0x3f >> needed);
    let [lower, upper] = secondByteBounds(lead);
    let seen = 0;
    while (seen < needed) {
      const next = bytes[i + 1 + seen];
      if (next === undefined || next < lower || next > upper) break;
      point = (point << 6) | (next & 0x3f);
      [lower, upper] = [0x80, 0xbf];
      seen++;
    }
    points.push(seen === needed ? point : REPLACEMENT);
    i += 1 + seen;
  }
  let text = '';
  for (let at = 0; at < points.length; at += 4096) text += String.fromCodePoint(...points.slice(at, at + 4096));
  return text;
}
