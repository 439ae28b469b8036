// Fixes to the bindings componentize-js 0.23.0 generates for a component's
// WIT imports and exports (its splicer writes them as JavaScript that
// StarlingMonkey's interpreter runs at every call), applied at build time by
// preload.ts. Each fix knows what it replaces (by its digest, or by a
// pattern and how often it must be found), so that a toolchain that
// generates anything else stops the build instead of being fixed wrongly. docs/componentize-js-bindings.md
// measures each one and is written to be sent upstream.
import { createHash } from 'node:crypto';

/** The componentize-js whose bindings these fixes are written against. */
export const FIXED_VERSION = '0.23.0';

export interface Fix {
  name: string;
  /** Rewrites the bindings, or throws naming what it did not find. */
  apply: (bindings: string) => string;
}

export class BindingsChanged extends Error {}

/** The encoder componentize-js 0.23.0 generates, known by its digest: a function of that name whose text has another is not replaced. */
const ENCODER_0_23_SHA256 = '44ead841a542982cc38e108b5ed73f1ff55bb7f6c4f7f9dc2e5b2763aefbc500';
const ENCODER_START = 'function _utf8AllocateAndEncode(s, realloc, memory) {';

/**
 * Strings lowered without a pass in script: the generated encoder counts the
 * UTF-8 length with a charCodeAt loop, which the interpreter runs for every
 * code unit, before it encodes natively. Here one native encode goes into
 * room for the worst case (three bytes a UTF-16 code unit); a long string is
 * encoded first and copied, to waste no memory. The code-point count it also
 * returned is read by nothing in UTF-8 bindings.
 */
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
  apply: (bindings) => {
    const start = bindings.indexOf(ENCODER_START);
    // The function ends at the first line that closes it, at the start of a line.
    const end = start < 0 ? -1 : bindings.indexOf('\n}', start) + 2;
    const found = start < 0 ? '' : bindings.slice(start, end);
    if (!found || createHash('sha256').update(found).digest('hex') !== ENCODER_0_23_SHA256) {
      throw new BindingsChanged('the fix "native string encoding" does not find the string encoder it replaces');
    }
    return bindings.slice(0, start) + ENCODER_FIXED + bindings.slice(end);
  },
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
  throw new BindingsChanged(`a call at ${from} does not end`);
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
    // `ret = await f(...);` or `const hostRet3 = await f(...);`, the call over several lines when it passes a record.
    const awaited = /^([ \t]*)(const |let )?(ret|hostRet\d+) = await ([\w$]+)\(/gm;
    let out = '';
    let at = 0;
    let count = 0;
    for (let match = awaited.exec(bindings); match; match = awaited.exec(bindings)) {
      const [whole, indent, declaration, name, callee] = match;
      const end = callEnd(bindings, match.index + whole.length - 1);
      if (bindings[end] !== ';') throw new BindingsChanged(`the fix "await only promises" finds ${callee}(...) not ending a statement`);
      const call = bindings.slice(match.index + whole.length - callee.length - 1, end);
      const declare = declaration ? 'let ' : '';
      out += `${bindings.slice(at, match.index)}${indent}${declare}${name} = ${call};\n${indent}if (${name} instanceof Promise) ${name} = await ${name};`;
      at = end + 1;
      awaited.lastIndex = at;
      count++;
    }
    const exports = bindings.split('\nasync function export_').length - 1;
    if (count !== exports) {
      throw new BindingsChanged(
        `the fix "await only promises" found ${count} awaited calls in ${exports} export wrappers, one each expected`,
      );
    }
    return out + bindings.slice(at);
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
