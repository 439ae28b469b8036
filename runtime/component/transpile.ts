// A component's Wasm file transpiled into what Node can instantiate quickly:
// JavaScript bindings from `jco transpile` (in process, synchronous
// instantiation), and core modules whose memory image the host provides
// (memory-image.ts). Done once per distinct component, cached by content
// under ~/.cache/bookserver.
//
// A WASI 0.2 component's bindings come from jco 1.10's generator, not from
// the jco 1.35 that builds the components: 1.35's bindings pass every call a
// guest makes to the host through the component-model-async task
// bookkeeping, which made serving one book-api request take 13.7 ms of
// JavaScript against 3.4 ms with 1.10's. A WASI 0.3 component needs that
// bookkeeping (its calls are async, its bodies streams), so its bindings
// come from jco-transpile, with JSPI, and its instances are reused rather
// than made per request, so their memory is not pooled.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheDir, cacheKey } from '../cache.js';
import { fixBindings } from './bindings-fix.js';
import { wasiVersionOf, type WasiVersion } from './interface-names.js';
import { componentInterfaces } from './interfaces.js';
import { externalizeMemory, type MemoryLayout } from './memory-image.js';

/** Bump when what this module writes changes, so that old cache entries are not used. */
const FORMAT = 14;

export const BINDINGS_FILE = 'component.js';
const MANIFEST_FILE = 'transpiled.json';

export interface TranspiledComponent {
  /** The folder holding `component.js` and the core modules it instantiates. */
  dir: string;
  /** The interfaces the component imports and exports, with their versions (`wasi:http/types@0.2.10`). */
  imports: string[];
  exports: string[];
  /** The WASI version it serves HTTP on, which decides how it runs. */
  wasi: WasiVersion;
  /** Core module file to the memory it imports; its image is `<file>.image` beside it. */
  memories: Record<string, MemoryLayout>;
}

/** A package's version (its package.json is not among its exports). */
async function packageVersion(name: string): Promise<string> {
  const entry = createRequire(import.meta.url).resolve(name);
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The bindings generators the runtime uses, with their versions: `jco 1.10.2, jco-transpile 0.15.0 for WASI 0.3`. */
export async function transpilerVersion(): Promise<string> {
  return `jco ${await packageVersion('jco-1.10')}, jco-transpile ${await packageVersion('@bytecodealliance/jco-transpile')} for WASI 0.3`;
}

/** The bindings and core modules for a component on `wasi`. */
async function bindingsFor(bytes: Uint8Array, wasi: WasiVersion): Promise<Record<string, Uint8Array>> {
  // Loaded here, not at the top: a start that finds every component in the cache never loads them.
  if (wasi === '0.3') {
    const { transpileBytes } = await import('@bytecodealliance/jco-transpile');
    const { files } = await transpileBytes(bytes, { name: 'component', instantiation: 'async', asyncMode: 'jspi' });
    const bindings = new TextDecoder().decode(files[BINDINGS_FILE]);
    return { ...files, [BINDINGS_FILE]: new TextEncoder().encode(fixBindings(bindings)) };
  }
  const { transpile: jcoTranspile } = await import('jco-1.10');
  return (await jcoTranspile(bytes, { name: 'component', instantiation: 'sync' })).files;
}

async function writeTranspiled(bytes: Uint8Array, dir: string): Promise<void> {
  const { imports, exports } = await componentInterfaces(bytes);
  const wasi = wasiVersionOf(exports);
  const files = await bindingsFor(bytes, wasi);
  // Written aside and renamed into place, so that concurrent transpilers never see half a folder.
  const scratch = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await mkdir(scratch, { recursive: true });
  const memories: Record<string, MemoryLayout> = {};
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('.d.ts')) continue;
    const externalized = name.endsWith('.wasm') && wasi === '0.2' ? externalizeMemory(content) : undefined;
    if (externalized) {
      memories[name] = externalized.layout;
      await writeFile(join(scratch, `${name}.image`), externalized.image);
    }
    await writeFile(join(scratch, name), externalized?.module ?? content);
  }
  await writeFile(join(scratch, MANIFEST_FILE), JSON.stringify({ imports, exports, wasi, memories }));
  await rename(scratch, dir).catch(async () => rm(scratch, { recursive: true, force: true }));
}

/** The component in `wasmFile`, transpiled now or found in the cache. */
export async function transpile(wasmFile: string): Promise<TranspiledComponent> {
  const bytes = await readFile(wasmFile);
  const key = cacheKey(bytes, `${await transpilerVersion()}/${FORMAT}`);
  const dir = join(cacheDir('transpiled'), key);
  if (!existsSync(join(dir, MANIFEST_FILE))) await writeTranspiled(bytes, dir);
  const { imports, exports, wasi, memories } = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Omit<
    TranspiledComponent,
    'dir'
  >;
  return { dir, imports, exports, wasi, memories };
}
