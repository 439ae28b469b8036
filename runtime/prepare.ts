// From a component's Wasm file to what Node can instantiate quickly: JavaScript
// bindings from `jco transpile` (in process, synchronous instantiation), and
// core modules whose memory image the host provides (memory-image.ts). Done
// once per distinct component, cached by content under ~/.cache/bookserver.
//
// The bindings come from jco 1.10's generator, not from the jco 1.35 that
// builds the components: 1.35's bindings pass every call a guest makes to the
// host through the component-model-async task bookkeeping, which made serving
// one book-api request take 13.7 ms of JavaScript against 3.4 ms with 1.10's.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { transpile } from 'jco-1.10';
import { Component } from './component.js';
import { externalizeMemory, type MemoryLayout } from './memory-image.js';

/** Bump when what this module writes changes, so that old cache entries are not used. */
const FORMAT = 4;

export const BINDINGS_FILE = 'component.js';
const MANIFEST_FILE = 'prepared.json';

export interface Prepared {
  /** The folder holding `component.js` and the core modules it instantiates. */
  dir: string;
  /** The interfaces the component imports, unversioned (`wasi:http/types`). */
  imports: string[];
  /** Core module file to the memory it imports; its image is `<file>.image` beside it. */
  memories: Record<string, MemoryLayout>;
}

/** The version of the jco whose bindings generator the runtime uses (its package.json is not among its exports). */
export async function transpilerVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('jco-1.10');
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function cacheRoot(): string {
  return process.env.BOOKSERVER_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bookserver', 'transpiled');
}

async function writePrepared(bytes: Uint8Array, dir: string): Promise<void> {
  const { files, imports } = await transpile(bytes, { name: 'component', instantiation: 'sync' });
  // Written aside and renamed into place, so that concurrent preparers never see half a folder.
  const scratch = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await mkdir(scratch, { recursive: true });
  const memories: Record<string, MemoryLayout> = {};
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('.d.ts')) continue;
    const externalized = name.endsWith('.wasm') ? externalizeMemory(content) : undefined;
    if (externalized) {
      memories[name] = externalized.layout;
      await writeFile(join(scratch, `${name}.image`), externalized.image);
    }
    await writeFile(join(scratch, name), externalized?.module ?? content);
  }
  await writeFile(join(scratch, MANIFEST_FILE), JSON.stringify({ imports, memories }));
  await rename(scratch, dir).catch(async () => rm(scratch, { recursive: true, force: true }));
}

export async function prepare(wasmFile: string): Promise<Prepared> {
  const bytes = await readFile(wasmFile);
  const key = createHash('sha256').update(bytes).update(`jco ${await transpilerVersion()}/${FORMAT}`).digest('hex').slice(0, 32);
  const dir = join(cacheRoot(), key);
  if (!existsSync(join(dir, MANIFEST_FILE))) await writePrepared(bytes, dir);
  const { imports, memories } = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Omit<Prepared, 'dir'>;
  return { dir, imports, memories };
}

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
 * A component prepared and compiled, and nothing more: it can be posted to a
 * worker thread (compiled modules are shared, not copied), where
 * `Component.fromCompiled` makes it runnable.
 */
export interface CompiledComponent {
  name: string;
  /** The transpiled bindings' module file. */
  bindings: string;
  /** The interfaces the component imports, unversioned. */
  imports: string[];
  modules: Map<string, WebAssembly.Module>;
  /** Core module file to the image of the memory it imports. */
  memories: Map<string, MemorySnapshot>;
}

/** Prepares the component in `wasmFile` and compiles its core modules. */
export async function compileComponent(wasmFile: string): Promise<CompiledComponent> {
  const { dir, imports, memories } = await prepare(wasmFile);
  const coreFiles = (await readdir(dir)).filter((file) => file.endsWith('.wasm'));
  const modules = await Promise.all(
    coreFiles.map(async (file) => [file, await WebAssembly.compile(await readFile(join(dir, file)))] as const),
  );
  const snapshots = await Promise.all(
    Object.entries(memories).map(async ([file, layout]) => [file, { layout, runs: runsOf(await readFile(join(dir, `${file}.image`))) }] as const),
  );
  const bindings = join(dir, BINDINGS_FILE);
  return { name: basename(wasmFile, extname(wasmFile)), bindings, imports, modules: new Map(modules), memories: new Map(snapshots) };
}

/** Prepares, compiles and loads the component in `wasmFile`, ready to instantiate. */
export async function loadComponent(wasmFile: string): Promise<Component> {
  return Component.fromCompiled(await compileComponent(wasmFile));
}
