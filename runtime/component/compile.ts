// A transpiled component compiled for this process: its core modules
// compiled once, to be shared with the worker threads, and the image of each
// memory as runs of bytes that are not zero.
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { WasiVersion } from './interface-names.js';
import type { MemoryLayout } from './memory-image.js';
import { BINDINGS_FILE, transpile } from './transpile.js';

/** A core module's initial memory: its layout, and where bytes are not zero. */
export interface MemorySnapshot {
  layout: MemoryLayout;
  /** Ascending, apart from each other; everything outside them is zero. */
  runs: { offset: number; bytes: Uint8Array }[];
}

/** Zero gaps shorter than this stay inside a run: one longer copy beats two calls. */
const RUN_GAP = 4096;

function runsOf(image: Uint8Array): MemorySnapshot['runs'] {
  const runs: MemorySnapshot['runs'] = [];
  let start = -1;
  let lastNonZero = -1;
  for (let i = 0; i < image.length; i++) {
    if (image[i] === 0) continue;
    if (start < 0) start = i;
    else if (i - lastNonZero > RUN_GAP) {
      runs.push({ offset: start, bytes: image.subarray(start, lastNonZero + 1) });
      start = i;
    }
    lastNonZero = i;
  }
  if (start >= 0) runs.push({ offset: start, bytes: image.subarray(start, lastNonZero + 1) });
  return runs;
}

/**
 * A component transpiled and compiled, and nothing more: it can be posted to a
 * worker thread (compiled modules are shared, not copied), where
 * `Component.fromCompiled` makes it runnable.
 */
export interface CompiledComponent {
  name: string;
  /** The transpiled bindings' module file. */
  bindings: string;
  /** The interfaces the component imports and exports, with their versions. */
  imports: string[];
  exports: string[];
  wasi: WasiVersion;
  modules: Map<string, WebAssembly.Module>;
  /** Core module file to the image of the memory it imports. */
  memories: Map<string, MemorySnapshot>;
}

/** Transpiles the component in `wasmFile` (or finds it in the cache) and compiles its core modules. */
export async function compileComponent(wasmFile: string): Promise<CompiledComponent> {
  const { dir, imports, exports, wasi, memories } = await transpile(wasmFile);
  const coreFiles = (await readdir(dir)).filter((file) => file.endsWith('.wasm'));
  const modules = await Promise.all(
    coreFiles.map(async (file) => [file, await WebAssembly.compile(await readFile(join(dir, file)))] as const),
  );
  const snapshots = await Promise.all(
    Object.entries(memories).map(
      async ([file, layout]) => [file, { layout, runs: runsOf(await readFile(join(dir, `${file}.image`))) }] as const,
    ),
  );
  const bindings = join(dir, BINDINGS_FILE);
  return {
    name: basename(wasmFile, extname(wasmFile)),
    bindings,
    imports,
    exports,
    wasi,
    modules: new Map(modules),
    memories: new Map(snapshots),
  };
}
