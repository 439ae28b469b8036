// From a component's Wasm file to JavaScript bindings Node can instantiate:
// `jco transpile` (in process, synchronous instantiation), once per distinct
// component, cached by content under ~/.cache/bookserver.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { transpileBytes } from '@bytecodealliance/jco-transpile';

/** Bump when what this module writes changes, so that old cache entries are not used. */
const FORMAT = 3;

export const BINDINGS_FILE = 'component.js';
const IMPORTS_FILE = 'imports.json';

function cacheRoot(): string {
  return process.env.BOOKSERVER_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bookserver', 'transpiled');
}

/** The installed jco-transpile's version (its package.json is not among its exports). */
async function transpilerVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@bytecodealliance/jco-transpile');
  const manifest = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * The bindings call `WebAssembly.promising` inside try/catch to detect JSPI.
 * Node 20 has none, and V8 words each resulting "is not a function" message
 * by re-parsing the bindings' 20,000-line function: about 15 ms per call, four
 * calls per instantiation. A throw of a plain value costs nothing.
 */
function withoutCostlyJspiProbe(js: string): string {
  const probe = 'const __bookserverPromising = typeof WebAssembly.promising === "function" ? (f) => WebAssembly.promising(f) : () => { throw undefined; };\n';
  return probe + js.replaceAll('WebAssembly.promising(', '__bookserverPromising(');
}

export interface Prepared {
  /** The folder holding `component.js` and the core modules it instantiates. */
  dir: string;
  /** The interfaces the component imports, unversioned (`wasi:http/types`). */
  imports: string[];
}

export async function prepare(wasmFile: string): Promise<Prepared> {
  const bytes = await readFile(wasmFile);
  const key = createHash('sha256').update(bytes).update(`${await transpilerVersion()}/${FORMAT}`).digest('hex').slice(0, 32);
  const dir = join(cacheRoot(), key);
  if (!existsSync(join(dir, IMPORTS_FILE))) {
    const { files, imports } = await transpileBytes(bytes, {
      name: 'component',
      instantiation: 'sync',
      emitTypescriptDeclarations: false,
      // As the jco CLI does: a WIT error arrives as a ComponentError whose `payload` is the error value.
      noComponentErrorWrapping: false,
    });
    // Written aside and renamed into place, so that concurrent preparers never see half a folder.
    const scratch = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    await mkdir(scratch, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const text = name === BINDINGS_FILE ? withoutCostlyJspiProbe(new TextDecoder().decode(content)) : content;
      await writeFile(join(scratch, name), text);
    }
    await writeFile(join(scratch, IMPORTS_FILE), JSON.stringify(imports));
    await rename(scratch, dir).catch(async () => rm(scratch, { recursive: true, force: true }));
  }
  return { dir, imports: JSON.parse(await readFile(join(dir, IMPORTS_FILE), 'utf8')) as string[] };
}
