// A core module's linear memory, taken out of the module so that the host
// can start each instance's memory from a ready image.
//
// A StarlingMonkey component's main core module is a Wizer snapshot: its 10 MiB
// memory is written by some 10,000 active data segments, every time it is
// instantiated, into freshly mapped pages. Here the module is rewritten to
// import its memory instead (`bookserver:memory` / `memory`), its data
// segments are made passive and empty, and their bytes become one image. The
// host can then hand each instance a memory that a previous instance used and
// that has been reset to the image: one copy into pages already mapped.
import { name, Reader, section, sections, u32, type Section } from './wasm-binary.js';

const IMPORT_SECTION = 2;
const MEMORY_SECTION = 5;
const DATA_SECTION = 11;

export const MEMORY_IMPORT = { module: 'bookserver:memory', name: 'memory' } as const;

export interface MemoryLayout {
  initialPages: number;
  maximumPages?: number;
}

export interface ExternalizedMemory {
  /** The module, importing its memory. */
  module: Uint8Array;
  layout: MemoryLayout;
  /** The memory's bytes from address 0 to the end of the last data segment; the rest starts zero. */
  image: Uint8Array;
}

/** Counts the memories a module imports, walking its import section. */
function importedMemories(bytes: Uint8Array, imports: Section | undefined): number {
  if (!imports) return 0;
  const reader = new Reader(bytes, imports.bodyStart);
  let memories = 0;
  for (let count = reader.u32(); count > 0; count--) {
    reader.skip(reader.u32());
    reader.skip(reader.u32());
    const kind = reader.byte();
    if (kind === 0x00) reader.u32();
    else if (kind === 0x01) {
      reader.skip(1);
      const flags = reader.u32();
      reader.u32();
      if (flags & 1) reader.u32();
    } else if (kind === 0x02) {
      memories++;
      const flags = reader.u32();
      reader.u32();
      if (flags & 1) reader.u32();
    } else if (kind === 0x03) reader.skip(2);
    else if (kind === 0x04) {
      reader.skip(1);
      reader.u32();
    } else throw new Error(`unknown import kind ${kind}`);
  }
  return memories;
}

/**
 * The module with its memory imported and its data as an image; undefined
 * when the module is not of the simple shape this handles (one defined,
 * unshared 32-bit memory, every data segment active with a constant offset).
 */
export function externalizeMemory(module: Uint8Array): ExternalizedMemory | undefined {
  const all = sections(module);
  const imports = all.find((s) => s.id === IMPORT_SECTION);
  const memory = all.find((s) => s.id === MEMORY_SECTION);
  const data = all.find((s) => s.id === DATA_SECTION);
  if (!memory || !data || importedMemories(module, imports) > 0) return undefined;

  const memoryReader = new Reader(module, memory.bodyStart);
  if (memoryReader.u32() !== 1) return undefined;
  const flags = memoryReader.u32();
  if (flags > 1) return undefined; // shared or 64-bit
  const layout: MemoryLayout = { initialPages: memoryReader.u32() };
  if (flags === 1) layout.maximumPages = memoryReader.u32();

  const segments: { offset: number; bytes: Uint8Array }[] = [];
  const dataReader = new Reader(module, data.bodyStart);
  const count = dataReader.u32();
  for (let i = 0; i < count; i++) {
    if (dataReader.u32() !== 0 || module[dataReader.offset++] !== 0x41) return undefined; // active, memory 0, i32.const
    const offset = dataReader.i32() >>> 0;
    if (module[dataReader.offset++] !== 0x0b) return undefined;
    const length = dataReader.u32();
    segments.push({ offset, bytes: module.subarray(dataReader.offset, dataReader.offset + length) });
    dataReader.skip(length);
  }
  const image = new Uint8Array(segments.reduce((end, s) => Math.max(end, s.offset + s.bytes.length), 0));
  for (const segment of segments) image.set(segment.bytes, segment.offset);

  const limits = [flags, ...u32(layout.initialPages), ...(layout.maximumPages === undefined ? [] : u32(layout.maximumPages))];
  const memoryImport = [...name(MEMORY_IMPORT.module), ...name(MEMORY_IMPORT.name), 0x02, ...limits];
  const importBody = imports
    ? (() => {
        const reader = new Reader(module, imports.bodyStart);
        const existing = reader.u32();
        return [...u32(existing + 1), ...module.subarray(reader.offset, imports.end), ...memoryImport];
      })()
    : [...u32(1), ...memoryImport];
  // Passive and empty: segment indices stay valid for any memory.init or data.drop in the code.
  const dataBody = [...u32(count), ...Array.from({ length: count }, () => [0x01, 0x00]).flat()];

  const parts: Uint8Array[] = [module.subarray(0, 8)];
  let importWritten = false;
  for (const s of all) {
    if (!importWritten && (s.id === IMPORT_SECTION || (s.id > IMPORT_SECTION && s.id !== 0))) {
      parts.push(section(IMPORT_SECTION, importBody));
      importWritten = true;
      if (s.id === IMPORT_SECTION) continue;
    }
    if (s.id === MEMORY_SECTION) continue;
    parts.push(s.id === DATA_SECTION ? section(DATA_SECTION, dataBody) : module.subarray(s.start, s.end));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { module: out, layout, image };
}
