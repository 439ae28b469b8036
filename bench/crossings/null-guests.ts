// The two guests of the crossings whose own work costs next to nothing,
// written in WebAssembly text, so that what the benchmark measures against
// them is the other side of the boundary:
// - the null exporter hands out the catalogue's books in every shape from
//   tables laid out once, a few loads and copies an element;
// - the relay calls an exporter and keeps only the lengths of its answers, in
//   memory it hands out with a bump allocator.
// Their canonical ABI is bench/crossings/wit's, lowered by hand.
import type { Book } from 'bookserver:books/catalog@0.1.0';

const SHAPES = 'bookserver:crossings/shapes@0.1.0';
const RELAY = 'bookserver:crossings/relay@0.1.0';

/** Where results are returned (the canonical ABI's return area), then the tables, then the heap. */
const RESULT = 1024;
const TABLES = 2048;

/** Bytes as a WAT string: printable ASCII as it is, anything else escaped. */
function watBytes(bytes: Uint8Array): string {
  return [...bytes]
    .map((byte) =>
      byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

const align8 = (at: number): number => Math.ceil(at / 8) * 8;

/**
 * A bump allocator from `$heap`, growing the memory as needed: `$alloc` for
 * the guest's own lists, `cabi_realloc` for what the canonical ABI copies in.
 * Every call starts the heap again, since nothing outlives a call.
 */
const allocator = (heap: number, exportRealloc: boolean): string => `
  (global $next (mut i32) (i32.const ${heap}))
  (func $reset (global.set $next (i32.const ${heap})))
  (func $alloc (param $align i32) (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $next (i32.add (local.get $at) (local.get $size)))
    (block $fits
      (br_if $fits (i32.le_u (global.get $next) (i32.shl (memory.size) (i32.const 16))))
      (br_if $fits (i32.ne (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $next) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))) (i32.const -1)))
      unreachable)
    (local.get $at))${
      exportRealloc
        ? `
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (call $alloc (local.get $align) (local.get $size)))`
        : ''
    }`;

/**
 * The null exporter for `week`: a table of the books' strings (pointer and
 * length of title and author, 16 bytes a book, which is also the layout of
 * a list of two strings a book) and their JSON fragments, copied out
 * cyclically into lists on its heap.
 */
export function nullExporterWat(week: readonly Book[]): string {
  const encoder = new TextEncoder();
  const count = week.length;
  const bookTable = TABLES;
  const fragmentTable = bookTable + count * 16;
  let at = fragmentTable + count * 8;
  const data: string[] = [];
  const place = (bytes: Uint8Array): [number, number] => {
    data.push(`  (data (i32.const ${at}) "${watBytes(bytes)}")`);
    const placed: [number, number] = [at, bytes.length];
    at += bytes.length;
    return placed;
  };
  const table = (offset: number, words: number[]): string => {
    const bytes = new DataView(new ArrayBuffer(words.length * 4));
    for (const [i, word] of words.entries()) bytes.setUint32(i * 4, word, true);
    return `  (data (i32.const ${offset}) "${watBytes(new Uint8Array(bytes.buffer))}")`;
  };
  const strings = week.flatMap((book) => [...place(encoder.encode(book.title)), ...place(encoder.encode(book.author))]);
  const fragments = week.flatMap((book) => place(encoder.encode(JSON.stringify(book))));
  const longest = Math.max(...week.map((book) => encoder.encode(JSON.stringify(book)).length));
  data.push(table(bookTable, strings), table(fragmentTable, fragments));

  return `(module
  (memory (export "memory") 1)
${data.join('\n')}${allocator(align8(at), false)}
  ;; n book entries, cycling through the table: a list<book>, or a list<string> of 2n.
  (func $entries (param $n i32) (result i32)
    (local $out i32) (local $i i32)
    (local.set $out (call $alloc (i32.const 4) (i32.mul (local.get $n) (i32.const 16))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (memory.copy
        (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 16)))
        (i32.add (i32.const ${bookTable}) (i32.mul (i32.rem_u (local.get $i) (i32.const ${count})) (i32.const 16)))
        (i32.const 16))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $out))
  (func $list (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const ${RESULT}) (local.get $ptr))
    (i32.store (i32.const ${RESULT + 4}) (local.get $len))
    (i32.const ${RESULT}))
  (func (export "${SHAPES}#nothing"))
  (func (export "${SHAPES}#books") (param $n i32) (result i32)
    (call $reset)
    (call $list (call $entries (local.get $n)) (local.get $n)))
  (func (export "${SHAPES}#strings") (param $n i32) (result i32)
    (call $reset)
    (call $list (call $entries (local.get $n)) (i32.mul (local.get $n) (i32.const 2))))
  (func (export "${SHAPES}#columns") (param $n i32) (result i32)
    (local $titles i32) (local $authors i32) (local $i i32) (local $entry i32)
    (call $reset)
    (local.set $titles (call $alloc (i32.const 4) (i32.mul (local.get $n) (i32.const 8))))
    (local.set $authors (call $alloc (i32.const 4) (i32.mul (local.get $n) (i32.const 8))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $entry (i32.add (i32.const ${bookTable}) (i32.mul (i32.rem_u (local.get $i) (i32.const ${count})) (i32.const 16))))
      (i64.store (i32.add (local.get $titles) (i32.mul (local.get $i) (i32.const 8))) (i64.load (local.get $entry)))
      (i64.store (i32.add (local.get $authors) (i32.mul (local.get $i) (i32.const 8))) (i64.load offset=8 (local.get $entry)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.store (i32.const ${RESULT}) (local.get $titles))
    (i32.store (i32.const ${RESULT + 4}) (local.get $n))
    (i32.store (i32.const ${RESULT + 8}) (local.get $authors))
    (i32.store (i32.const ${RESULT + 12}) (local.get $n))
    (i32.const ${RESULT}))
  ;; The JSON text of n books, as JSON.stringify writes it: [fragment,fragment,...]
  (func $json (param $n i32) (result i32)
    (local $out i32) (local $end i32) (local $i i32) (local $fragment i32) (local $len i32)
    (call $reset)
    (local.set $out (call $alloc (i32.const 1) (i32.add (i32.mul (local.get $n) (i32.const ${longest + 1})) (i32.const 2))))
    (i32.store8 (local.get $out) (i32.const 0x5b))
    (local.set $end (i32.add (local.get $out) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (local.get $i) (then
        (i32.store8 (local.get $end) (i32.const 0x2c))
        (local.set $end (i32.add (local.get $end) (i32.const 1)))))
      (local.set $fragment (i32.add (i32.const ${fragmentTable}) (i32.mul (i32.rem_u (local.get $i) (i32.const ${count})) (i32.const 8))))
      (local.set $len (i32.load offset=4 (local.get $fragment)))
      (memory.copy (local.get $end) (i32.load (local.get $fragment)) (local.get $len))
      (local.set $end (i32.add (local.get $end) (local.get $len)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.store8 (local.get $end) (i32.const 0x5d))
    (call $list (local.get $out) (i32.sub (i32.add (local.get $end) (i32.const 1)) (local.get $out))))
  (func (export "${SHAPES}#json") (param $n i32) (result i32) (call $json (local.get $n)))
  (func (export "${SHAPES}#json-bytes") (param $n i32) (result i32) (call $json (local.get $n))))`;
}

/** The relay: calls the shape the enum names (in WIT order) `calls` times, adding up the length of each answer's first list. */
export function relayWat(): string {
  const listShapes = ['books', 'columns', 'strings', 'json', 'json-bytes'];
  const imports = listShapes.map((name) => `  (import "${SHAPES}" "${name}" (func $${name} (param i32 i32)))`).join('\n');
  // A block per shape, innermost first, so that br_table's index is the enum's case.
  const cases = ['nothing', ...listShapes];
  let body = `(br_table ${cases.map((name) => `$${name}`).join(' ')} (local.get $shape))`;
  for (const name of cases) {
    const call =
      name === 'nothing'
        ? '(call $nothing)'
        : `(call $${name} (local.get $n) (i32.const ${RESULT}))
          (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (i32.load (i32.const ${RESULT + 4})))))`;
    body = `(block $${name} ${body})
          ${call}
          (br $called)`;
  }
  return `(module
  (import "${SHAPES}" "nothing" (func $nothing))
${imports}
  (memory (export "memory") 1)${allocator(TABLES, true)}
  (func (export "${RELAY}#relay") (param $shape i32) (param $n i32) (param $calls i32) (result i64)
    (local $i i32) (local $total i64)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $calls)))
      (call $reset)
      (block $called
        ${body})
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $total)))`;
}
