// The fixes to componentize-js's bindings (scripts/lib/componentize-js/):
// applied to bindings the installed splicer generates for this project's
// worlds, each must find what it replaces, leave valid script, and encode
// strings byte for byte as before; a toolchain they were not written for
// stops the build. The components built with them pass every other test.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BindingsChanged, FIXED_VERSION, FIXES, fixBindings } from '../scripts/lib/componentize-js/bindings-fixes.js';
import { CROSSING_GUESTS } from '../scripts/lib/crossings/guests.js';
import { GUESTS, packageDir, STARLINGMONKEY, type TypeScriptGuest, witDirOf } from '../scripts/lib/project.js';

interface Splicer {
  spliceBindings: (
    engine: Uint8Array,
    features: string[],
    witWorld: undefined,
    witPath: string,
    world: string,
    debug: boolean,
  ) => {
    jsBindings: string;
  };
}

async function generatedBindings(guest: TypeScriptGuest): Promise<string> {
  const file = join(packageDir('@bytecodealliance/componentize-js'), 'lib', 'spidermonkey-embedding-splicer.js');
  const { splicer } = (await import(pathToFileURL(file).href)) as { splicer: Splicer };
  const features = ['stdio', 'random', 'clocks', 'http', 'fetch-event'].filter((f) => !guest.disable.includes(f as never));
  return splicer.spliceBindings(await readFile(STARLINGMONKEY), features, undefined, witDirOf(guest), guest.world, false).jsBindings;
}

/** The guests componentize-js builds, whose bindings take the fixes (QuickJS's come from componentize-qjs). */
const typescript = [...GUESTS, ...CROSSING_GUESTS].filter(
  (g): g is TypeScriptGuest => g.language === 'typescript' && g.engine !== 'quickjs',
);
const exporter = typescript.find((g) => g.name === 'crossings-exporter-sm');
const encoderOf = (bindings: string): string => bindings.slice(bindings.indexOf('function _utf8AllocateAndEncode'));

describe.each(typescript.map((guest) => [guest.name, guest] as const))('the bindings of %s', (_name, guest) => {
  it('take every fix, and stay valid script', async () => {
    const fixed = fixBindings(await generatedBindings(guest), FIXED_VERSION);
    expect(() => new Function(fixed)).not.toThrow();
    expect(fixed).not.toMatch(/\b_debugLog\(/);
    expect(fixed).not.toContain('charCodeAt');
    expect(fixed).not.toMatch(/^\s*(const |let )?(ret|hostRet\d+) = await /m);
  });
});

describe('the fixed string encoder', () => {
  /** Runs an encoder taken from bindings on a memory of its own, as the bindings would. */
  function encode(bindings: string, text: string): Uint8Array {
    const memory = new WebAssembly.Memory({ initial: 2 });
    let next = 8;
    const realloc = (_old: number, _oldSize: number, _align: number, size: number): number => {
      const at = next;
      next += size;
      return at;
    };
    const source = encoderOf(bindings).slice(0, encoderOf(bindings).indexOf('\n}\n') + 2);
    const run = new Function(
      'TEXT_ENCODER_UTF8',
      's',
      'realloc',
      'memory',
      `${source}\nreturn _utf8AllocateAndEncode(s, realloc, memory);`,
    );
    const { ptr, len } = run(new TextEncoder(), text, realloc, memory) as { ptr: number; len: number };
    return new Uint8Array(memory.buffer, ptr, len).slice();
  }

  it.each([
    ['ASCII', 'The Hobbit'],
    ['accents', 'My Ántonia, John le Carré'],
    ['a pair of surrogates', 'book 📚 day'],
    ['a lone surrogate', 'half \ud83d pair'],
    ['a long string', 'Dead Souls, '.repeat(200)],
    ['nothing', ''],
  ])('writes the UTF-8 the generated one writes: %s', async (_case, text) => {
    if (!exporter) throw new Error('no crossings-exporter-sm guest');
    const generated = await generatedBindings(exporter);
    const fixed = fixBindings(generated, FIXED_VERSION);
    expect(encode(fixed, text)).toEqual(encode(generated, text));
    expect(Buffer.from(encode(fixed, text))).toEqual(Buffer.from(new TextEncoder().encode(text)));
  });
});

describe('a toolchain the fixes were not written for', () => {
  it('stops the build, naming the version', async () => {
    if (!exporter) throw new Error('no crossings-exporter-sm guest');
    const generated = await generatedBindings(exporter);
    expect(() => fixBindings(generated, '0.24.0')).toThrow(BindingsChanged);
    expect(() => fixBindings(generated, '0.24.0')).toThrow(`written against componentize-js ${FIXED_VERSION}, and this is 0.24.0`);
  });

  it.each(FIXES.map((fix) => [fix.name, fix] as const))('stops the build when "%s" finds other bindings', (name, fix) => {
    expect(() => fix.apply('let x = 1;\nasync function export_a$b() {}\n')).toThrow(BindingsChanged);
    expect(() => fix.apply('let x = 1;\nasync function export_a$b() {}\n')).toThrow(name);
  });
});
