// Whether a file can be a WebAssembly component at all, said before any tool
// is asked to read it: a directory, a file that is not WebAssembly, or a
// core module each get a sentence instead of a stack trace.
import { open, stat } from 'node:fs/promises';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** The version and layer words after the magic: a core module has 1, 0; a component 0x0d, 1. */
const CORE_MODULE_LAYER = 0;

export async function componentFileProblem(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 'does not exist';
  if (info.isDirectory()) return 'is a directory, not a Wasm file';
  const head = Buffer.alloc(8);
  const file = await open(path, 'r');
  try {
    await file.read(head, 0, 8, 0);
  } finally {
    await file.close();
  }
  if (info.size < 8 || !MAGIC.every((byte, i) => head[i] === byte)) return 'is not a WebAssembly file (it does not start with \\0asm)';
  if (head.readUInt16LE(6) === CORE_MODULE_LAYER) return 'is a core WebAssembly module, not a component; componentize it first';
  return undefined;
}
