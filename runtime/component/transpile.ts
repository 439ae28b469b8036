// A component's Wasm file transpiled into what Node can instantiate quickly:
// JavaScript bindings from `jco transpile` (in process, synchronous
// instantiation), and core modules whose memory image the host provides
// (memory-image.ts). Done once per distinct component, cached by content
// under ~/.cache/bookserver.
//
// The bindings come from jco 1.10's generator, not from the jco 1.35 that
// builds the components: 1.35's bindings pass every call a guest makes to the
// host through the component-model-async task bookkeeping, which made serving
// one book-api request take 13.7 ms of JavaScript against 3.4 ms with 1.10's.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheDir, cacheKey } from '../cache.js';
import { componentInterfaces } from './interfaces.js';
import { externalizeMemory, type MemoryLayout } from './memory-image.js';

/** Bump when what this module writes changes, so that old cache entries are not used. */
const FORMAT = 7;

export const BINDINGS_FILE = 'component.js';
const MANIFEST_FILE = 'transpiled.json';

export interface TranspiledComponent {
  /** The folder holding `component.js` and the core modules it instantiates. */
  dir: string;
  /** The interfaces the component imports and exports, with their versions (`wasi:http/types@0.2.10`). */
  imports: string[];
  exports: string[];
  /** Core module file to the memory it imports; its image is `<file>.image` beside it. */
  memories: Record<string, MemoryLayout>;
}

/** The version of the jco whose bindings generator the runtime uses (its package.json is not among its exports). */
export async function transpilerVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('jco-1.10');
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

async function writeTranspiled(bytes: Uint8Array, dir: string): Promise<void> {
  // Loaded here, not at the top: a start that finds every component in the cache never loads it.
  const { transpile: jcoTranspile } = await import('jco-1.10');
  const { files } = await jcoTranspile(bytes, { name: 'component', instantiation: 'sync' });
  const { imports, exports } = await componentInterfaces(bytes);
  // Written aside and renamed into place, so that concurrent transpilers never see half a folder.
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
  await writeFile(join(scratch, MANIFEST_FILE), JSON.stringify({ imports, exports, memories }));
  await rename(scratch, dir).catch(async () => rm(scratch, { recursive: true, force: true }));
}

/** The component in `wasmFile`, transpiled now or found in the cache. */
export async function transpile(wasmFile: string): Promise<TranspiledComponent> {
  const bytes = await readFile(wasmFile);
  const key = cacheKey(bytes, `jco ${await transpilerVersion()}/${FORMAT}`);
  const dir = join(cacheDir('transpiled'), key);
  if (!existsSync(join(dir, MANIFEST_FILE))) await writeTranspiled(bytes, dir);
  const { imports, exports, memories } = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as Omit<TranspiledComponent, 'dir'>;
  return { dir, imports, exports, memories };
}
