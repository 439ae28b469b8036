// UTF-8 on either engine. StarlingMonkey has TextEncoder and TextDecoder;
// QuickJS has neither, so there text goes through encodeURIComponent and
// back, which run natively. Both refuse bytes that are not UTF-8 alike.

export function utf8(text: string): Uint8Array {
  if (typeof TextEncoder === 'function') return new TextEncoder().encode(text);
  // A lone surrogate becomes U+FFFD first, as TextEncoder makes it.
  const binary = unescape(encodeURIComponent(text.toWellFormed()));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Bytes as latin1, a character each: how HTTP header values are read as text. */
export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 4096) text += String.fromCharCode(...bytes.subarray(at, at + 4096));
  return text;
}

/** The text of UTF-8 bytes, a byte-order mark kept; throws a TypeError when they are not UTF-8. */
export function fromUtf8(bytes: Uint8Array): string {
  if (typeof TextDecoder === 'function') return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  try {
    return decodeURIComponent(escape(latin1(bytes)));
  } catch {
    throw new TypeError('the bytes are not UTF-8');
  }
}
