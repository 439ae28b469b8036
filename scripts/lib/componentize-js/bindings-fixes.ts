// Fixes to the bindings componentize-js 0.23.0 generates for a component's
// WIT imports and exports (its splicer writes them as JavaScript that
// StarlingMonkey's interpreter runs at every call), applied at build time by
// preload.ts. Each fix names the text it replaces and says how often it
// must find it, so that a toolchain that generates anything else stops the
// build instead of being fixed wrongly. docs/componentize-js-bindings.md
// measures each one and is written to be sent upstream.

/** The componentize-js whose bindings these fixes are written against. */
export const FIXED_VERSION = '0.23.0';

export interface Fix {
  name: string;
  /** Rewrites the bindings, or throws naming what it did not find. */
  apply: (bindings: string) => string;
}

export class BindingsChanged extends Error {}

/** `text` with `from` replaced by `to`, which must be there exactly `times` times (or at least once, for 'all'). */
function replaceExactly(bindings: string, from: string, to: string, times: number | 'all', fix: string): string {
  const found = bindings.split(from).length - 1;
  if (times === 'all' ? found === 0 : found !== times) {
    throw new BindingsChanged(
      `the fix "${fix}" expects ${times === 'all' ? 'at least one' : times} of ${JSON.stringify(from.slice(0, 60))}…, and the bindings have ${found}`,
    );
  }
  return bindings.split(from).join(to);
}

/**
 * Strings lowered without a pass in script: the generated encoder counts the
 * UTF-8 length with a charCodeAt loop, which the interpreter runs for every
 * code unit, before it encodes natively. Here one native encode goes into
 * room for the worst case (three bytes a UTF-16 code unit); a long string is
 * encoded first and copied, to waste no memory. The code-point count it also
 * returned is read by nothing in UTF-8 bindings.
 */
const ENCODER_0_23 = `function _utf8AllocateAndEncode(s, realloc, memory) {
  if (typeof s !== 'string') {
    throw new TypeError('expected a string, received [' + typeof s + ']');
  }
  if (s.length === 0) { return { ptr: 1, len: 0 }; }
  // Compute the exact allocation size up front. Some older preview1
  // adapters only support an initial allocation, not a subsequent shrink.
  let len = 0;
  let codepoints = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    codepoints++;
    if (ch < 0x80) { len += 1; }
    else if (ch < 0x800) { len += 2; }
    else if (ch >= 0xd800 && ch <= 0xdbff &&
    i + 1 < s.length &&
    (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 4;
      i++;
    } else { len += 3; }
  }
  const ptr = realloc(0, 0, 1, len);
  const { read, written } = TEXT_ENCODER_UTF8.encodeInto(
  s,
  new Uint8Array(memory.buffer, ptr, len),
  );
  if (read !== s.length || written !== len) {
    throw new Error('failed to encode whole string');
  }
  const res = { ptr, len, codepoints };
  return res;
}`;

const ENCODER_FIXED = `function _utf8AllocateAndEncode(s, realloc, memory) {
  if (typeof s !== 'string') {
    throw new TypeError('expected a string, received [' + typeof s + ']');
  }
  if (s.length === 0) { return { ptr: 1, len: 0 }; }
  if (s.length > 1024) {
    const bytes = TEXT_ENCODER_UTF8.encode(s);
    const ptr = realloc(0, 0, 1, bytes.length);
    new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
    return { ptr, len: bytes.length };
  }
  const room = s.length * 3;
  const ptr = realloc(0, 0, 1, room);
  return { ptr, len: TEXT_ENCODER_UTF8.encodeInto(s, new Uint8Array(memory.buffer, ptr, room)).written };
}`;

const nativeStringEncoding: Fix = {
  name: 'native string encoding',
  apply: (bindings) => replaceExactly(bindings, ENCODER_0_23, ENCODER_FIXED, 1, 'native string encoding'),
};

/** The end of a call that starts at `from` (its opening parenthesis), past strings and nested parentheses. */
function callEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'" || char === '`') {
      for (i++; i < text.length && text[i] !== char; i++) if (text[i] === '\\') i++;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  throw new BindingsChanged('a _debugLog call does not end');
}

/**
 * No debug logging in every call: each generated function logs on entry and
 * return through `_debugLog`, whose arguments (object literals) are built at
 * every call before it looks for `process.env.JCO_DEBUG`, which a component
 * never has. Each call becomes `void 0`, so that every statement it was
 * part of stays one.
 */
const noDebugLogging: Fix = {
  name: 'no debug logging',
  apply: (bindings) => {
    const call = /\b_debugLog\(/g;
    let out = '';
    let at = 0;
    for (let match = call.exec(bindings); match; match = call.exec(bindings)) {
      const end = callEnd(bindings, match.index + match[0].length - 1);
      out += `${bindings.slice(at, match.index)}void 0`;
      at = end;
      call.lastIndex = end;
    }
    if (at === 0) throw new BindingsChanged('the fix "no debug logging" found no _debugLog call');
    return out + bindings.slice(at);
  },
};

/**
 * No suspension in a synchronous export: every export wrapper is an async
 * function that awaits the component's own function even when it returns a
 * value, not a promise, which costs a turn of the job queue and a resumed
 * frame per call. Awaiting only a promise keeps async exports as they were.
 */
const awaitOnlyPromises: Fix = {
  name: 'await only promises',
  apply: (bindings) => {
    let count = 0;
    const fixed = bindings.replace(
      /^([ \t]*)(const |let )?(ret|hostRet\d+) = await ([^;\n]+);$/gm,
      (_line, indent: string, declaration: string | undefined, name: string, call: string) => {
        count++;
        const declare = declaration ? 'let ' : '';
        return `${indent}${declare}${name} = ${call};\n${indent}if (${name} instanceof Promise) ${name} = await ${name};`;
      },
    );
    const exports = bindings.split('\nasync function export_').length - 1;
    if (count !== exports) {
      throw new BindingsChanged(
        `the fix "await only promises" found ${count} awaited calls in ${exports} export wrappers, one each expected`,
      );
    }
    return fixed;
  },
};

export const FIXES: readonly Fix[] = [nativeStringEncoding, noDebugLogging, awaitOnlyPromises];

/** The bindings with every fix applied; throws BindingsChanged when `version` is not the one they are written against. */
export function fixBindings(bindings: string, version: string, fixes: readonly Fix[] = FIXES): string {
  if (version !== FIXED_VERSION) {
    throw new BindingsChanged(
      `the bindings fixes are written against componentize-js ${FIXED_VERSION}, and this is ${version}: check each against the new bindings (docs/componentize-js-bindings.md)`,
    );
  }
  return fixes.reduce((text, fix) => fix.apply(text), bindings);
}
