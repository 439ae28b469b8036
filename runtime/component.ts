// A component ready to run, from what prepare.ts made of it: a fresh instance
// made by every `instantiate`, as Spin gives each request one, from core
// modules compiled once.
import { pathToFileURL } from 'node:url';
import type * as IncomingHandler from './generated/interfaces/wasi-http-incoming-handler.js';
import {
  environment,
  exit,
  stderr,
  stdin,
  stdout,
  TerminalInput,
  TerminalOutput,
  terminalStderr,
  terminalStdin,
  terminalStdout,
} from './wasi/cli.js';
import { monotonicClock, wallClock, type WallClock } from './wasi/clocks.js';
import { configStore } from './wasi/config.js';
import { preopens, types as filesystemTypes } from './wasi/filesystem.js';
import {
  IncomingRequest,
  OutgoingResponse,
  ResponseOutparam,
  outgoingHandler,
  types,
  type HttpRequest,
  type HttpResponse,
  type Outbound,
  type ResponseResult,
} from './wasi/http.js';
import { InputStream, IoError, OutputStream, Pollable, poll, type Sink } from './wasi/io.js';
import { insecure, insecureSeed, random } from './wasi/random.js';
import { MEMORY_IMPORT } from './memory-image.js';
import type { CompiledComponent, MemorySnapshot } from './prepare.js';

/** Interface name (unversioned, as jco's bindings ask for it) to its implementation. */
export type Imports = Record<string, object>;

type Instantiate = (
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: Imports,
  instantiateCore: (module: WebAssembly.Module, imports: WebAssembly.Imports) => WebAssembly.Instance,
) => Record<string, unknown>;

/** What the host gives one instance. */
export interface HostOptions {
  /** Spin variables, read through wasi:config/store. */
  variables?: ReadonlyMap<string, string>;
  /** The component's `environment` from the manifest. */
  environment?: ReadonlyMap<string, string>;
  /** Where the guest's outgoing HTTP requests go. Without it, every one is denied. */
  outbound?: Outbound;
  /** The guest's stdout and stderr. */
  stdout?: Sink;
  stderr?: Sink;
  /** The wall clock the guest sees. */
  clock?: WallClock;
  /** Further imports, such as a WIT interface another component exports. */
  imports?: Imports;
}

const denyAll: Outbound = () => ({ ok: false, error: { tag: 'HTTP-request-denied' } });

export function hostImports(options: HostOptions = {}): Imports {
  return {
    'wasi:cli/environment': environment(options.environment ?? new Map()),
    'wasi:cli/exit': exit,
    'wasi:cli/stdin': stdin,
    'wasi:cli/stdout': stdout(options.stdout ?? ((bytes) => process.stdout.write(bytes))),
    'wasi:cli/stderr': stderr(options.stderr ?? ((bytes) => process.stderr.write(bytes))),
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': terminalStdin,
    'wasi:cli/terminal-stdout': terminalStdout,
    'wasi:cli/terminal-stderr': terminalStderr,
    'wasi:clocks/monotonic-clock': monotonicClock,
    'wasi:clocks/wall-clock': wallClock(options.clock),
    'wasi:config/store': configStore(options.variables ?? new Map()),
    'wasi:filesystem/preopens': preopens,
    'wasi:filesystem/types': filesystemTypes,
    'wasi:http/outgoing-handler': outgoingHandler(options.outbound ?? denyAll),
    'wasi:http/types': types,
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll },
    'wasi:io/streams': { InputStream, OutputStream },
    'wasi:random/random': random,
    'wasi:random/insecure': insecure,
    'wasi:random/insecure-seed': insecureSeed,
    ...options.imports,
  };
}

/** The interfaces `hostImports` provides, unversioned. */
export const HOSTED_INTERFACES: readonly string[] = Object.keys(hostImports());

/** The imports of a component that nothing provides: neither this host nor `provided`. */
export function missingImports(imports: readonly string[], provided: readonly string[] = []): string[] {
  return imports.filter((name) => !HOSTED_INTERFACES.includes(name) && !provided.includes(name));
}

const PAGE = 65536;
/** Reset memories kept for reuse, per core module: more than the instances alive at once in one thread. */
const KEPT_MEMORIES = 8;

/**
 * Memories for one core module, each starting as its image. A memory an
 * instance has finished with is reset and reused, so that the next instance
 * starts with one copy into pages already mapped. One that grew is dropped:
 * its new size would show.
 */
class MemoryPool {
  private readonly free: WebAssembly.Memory[] = [];
  private readonly initialBytes: number;

  constructor(private readonly snapshot: MemorySnapshot) {
    this.initialBytes = snapshot.layout.initialPages * PAGE;
  }

  take(): WebAssembly.Memory {
    const recycled = this.free.pop();
    if (recycled) return recycled;
    const { initialPages, maximumPages } = this.snapshot.layout;
    const memory = new WebAssembly.Memory(maximumPages === undefined ? { initial: initialPages } : { initial: initialPages, maximum: maximumPages });
    const bytes = new Uint8Array(memory.buffer);
    for (const run of this.snapshot.runs) bytes.set(run.bytes, run.offset);
    return memory;
  }

  /** Writes every byte once: the runs, and zero between and after them. */
  give(memory: WebAssembly.Memory): void {
    if (memory.buffer.byteLength !== this.initialBytes || this.free.length >= KEPT_MEMORIES) return;
    const bytes = new Uint8Array(memory.buffer);
    let end = 0;
    for (const run of this.snapshot.runs) {
      bytes.fill(0, end, run.offset);
      bytes.set(run.bytes, run.offset);
      end = run.offset + run.bytes.length;
    }
    bytes.fill(0, end);
    this.free.push(memory);
  }
}

/** An instance's exports by name. */
export type Instance = Record<string, unknown>;

export class Component {
  private readonly pools = new Map<WebAssembly.Module, MemoryPool>();
  /** The memories each live instance took, to give back when it is done. */
  private readonly taken = new WeakMap<Instance, { pool: MemoryPool; memory: WebAssembly.Memory }[]>();

  private constructor(
    private readonly compiled: CompiledComponent,
    private readonly instantiateBindings: Instantiate,
  ) {
    for (const [file, snapshot] of compiled.memories) {
      const module = compiled.modules.get(file);
      if (module) this.pools.set(module, new MemoryPool(snapshot));
    }
  }

  static async fromCompiled(compiled: CompiledComponent): Promise<Component> {
    const bindings = (await import(pathToFileURL(compiled.bindings).href)) as { instantiate: Instantiate };
    return new Component(compiled, bindings.instantiate);
  }

  get name(): string {
    return this.compiled.name;
  }

  /** A fresh instance. */
  instantiate(options: HostOptions = {}): Instance {
    const taken: { pool: MemoryPool; memory: WebAssembly.Memory }[] = [];
    const instance = this.instantiateBindings(
      (file) => {
        const module = this.compiled.modules.get(file);
        if (!module) throw new Error(`${this.name}: the transpiled bindings ask for ${file}, which is not beside them`);
        return module;
      },
      hostImports(options),
      (module, imports) => {
        const pool = this.pools.get(module);
        if (!pool) return new WebAssembly.Instance(module, imports);
        const memory = pool.take();
        taken.push({ pool, memory });
        return new WebAssembly.Instance(module, { ...imports, [MEMORY_IMPORT.module]: { [MEMORY_IMPORT.name]: memory } });
      },
    );
    this.taken.set(instance, taken);
    return instance;
  }

  /** Says `instance` will not run again, so that its memory can serve another. */
  release(instance: Instance): void {
    for (const { pool, memory } of this.taken.get(instance) ?? []) pool.give(memory);
    this.taken.delete(instance);
  }

  /** Serves one request through `instance`'s wasi:http/incoming-handler export; an instance serves once. */
  serve(instance: Instance, request: HttpRequest): HttpResponse {
    const handler = instance.incomingHandler as typeof IncomingHandler | undefined;
    if (typeof handler?.handle !== 'function') {
      throw new Error(`${this.name} does not export wasi:http/incoming-handler`);
    }
    let answer: ResponseResult | undefined;
    handler.handle(new IncomingRequest(request), new ResponseOutparam((result) => (answer = result)));
    return responseFrom(this.name, answer);
  }

  /** Serves one request on a fresh instance. */
  handle(request: HttpRequest, options: HostOptions = {}): HttpResponse {
    const instance = this.instantiate(options);
    try {
      return this.serve(instance, request);
    } finally {
      this.release(instance);
    }
  }
}

function failure(status: number, message: string): HttpResponse {
  return { status, headers: [['content-type', 'text/plain; charset=utf-8']], body: Buffer.from(message) };
}

function responseFrom(name: string, answer: ResponseResult | undefined): HttpResponse {
  if (!answer) return failure(500, `${name} returned without a response`);
  if (answer.tag === 'err') return failure(500, `${name} answered with error-code ${answer.val.tag}`);
  const response = answer.val instanceof OutgoingResponse ? answer.val.toHttpResponse() : undefined;
  return response ?? failure(500, `${name} did not finish its response body`);
}
