// Reading and writing the WebAssembly binary format, as far as the runtime
// and the scripts need it: LEB128 numbers, names, and the sections of a
// module.

export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public offset = 0,
  ) {}

  /** An unsigned LEB128 number. */
  u32(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = this.bytes[this.offset++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  /** An i32.const immediate: signed LEB128. */
  i32(): number {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = this.bytes[this.offset++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? value | (-1 << shift) : value;
  }

  byte(): number {
    return this.bytes[this.offset++];
  }

  skip(length: number): void {
    this.offset += length;
  }
}

/** `value` as unsigned LEB128. */
export function u32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

/** A name as the binary format writes it: its UTF-8 length, then its bytes. */
export const name = (text: string): number[] => {
  const utf8 = [...new TextEncoder().encode(text)];
  return [...u32(utf8.length), ...utf8];
};

export const section = (id: number, body: number[] | Uint8Array): Uint8Array => Uint8Array.from([id, ...u32(body.length), ...body]);

export const CUSTOM_SECTION = 0;

export interface Section {
  id: number;
  /** From the id byte to the end of the section. */
  start: number;
  bodyStart: number;
  end: number;
}

/** The sections of a module or component, after the 8-byte preamble. */
export function sections(bytes: Uint8Array): Section[] {
  const reader = new Reader(bytes, 8);
  const found: Section[] = [];
  while (reader.offset < bytes.length) {
    const start = reader.offset;
    const id = reader.byte();
    const size = reader.u32();
    found.push({ id, start, bodyStart: reader.offset, end: reader.offset + size });
    reader.skip(size);
  }
  return found;
}

/** The payload of the first custom section whose name starts with `prefix`. */
export function customSection(bytes: Uint8Array, prefix: string): Uint8Array | undefined {
  for (const s of sections(bytes)) {
    if (s.id !== CUSTOM_SECTION) continue;
    const reader = new Reader(bytes, s.bodyStart);
    const length = reader.u32();
    const sectionName = new TextDecoder().decode(bytes.subarray(reader.offset, reader.offset + length));
    if (sectionName.startsWith(prefix)) return bytes.subarray(reader.offset + length, s.end);
  }
  return undefined;
}
