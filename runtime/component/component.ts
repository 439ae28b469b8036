// A component ready to run, from what compile.ts made of it: a fresh
// instance made by every `instantiate`, as Spin gives each request one, from
// core modules compiled once and memories from a pool.
import { pathToFileURL } from 'node:url';
import type * as IncomingHandler from '../generated/interfaces/wasi-http-incoming-handler.js';
import {
  IncomingRequest,
  OutgoingResponse,
  ResponseOutparam,
  type HttpRequest,
  type HttpResponse,
  type IncomingHttpRequest,
  type ResponseResult,
} from '../wasi/http.js';
import { hostImports, type HostOptions, type Imports } from '../wasi/imports.js';
import type { CompiledComponent } from './compile.js';
import { MEMORY_IMPORT } from './memory-image.js';
import { MemoryPool } from './memory-pool.js';

type Instantiate = (
  getCoreModule: (name: string) => WebAssembly.Module,
  imports: Imports,
  instantiateCore: (module: WebAssembly.Module, imports: WebAssembly.Imports) => WebAssembly.Instance,
) => Record<string, unknown>;

/** An instance's exports by name. */
export type Instance = Record<string, unknown>;

export class Component {
  private readonly pools = new Map<WebAssembly.Module, MemoryPool>();
  /** The memories each live instance took, to give back when it is done. */
  private readonly taken = new WeakMap<Instance, { pool: MemoryPool; memory: WebAssembly.Memory }[]>();

  private constructor(
    private readonly compiled: CompiledComponent,
    private readonly instantiateBindings: Instantiate,
    maxMemoryBytes: number | undefined,
  ) {
    for (const [file, snapshot] of compiled.memories) {
      const module = compiled.modules.get(file);
      if (module) this.pools.set(module, new MemoryPool(snapshot, maxMemoryBytes));
    }
  }

  /** Makes `compiled` runnable in this thread; no memory of an instance grows past `maxMemoryBytes`, if given. */
  static async fromCompiled(compiled: CompiledComponent, maxMemoryBytes?: number): Promise<Component> {
    const bindings = (await import(pathToFileURL(compiled.bindings).href)) as { instantiate: Instantiate };
    return new Component(compiled, bindings.instantiate, maxMemoryBytes);
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
  serve(instance: Instance, request: IncomingHttpRequest): HttpResponse {
    const handler = instance.incomingHandler as typeof IncomingHandler | undefined;
    if (typeof handler?.handle !== 'function') {
      throw new Error(`${this.name} does not export wasi:http/incoming-handler`);
    }
    let answer: ResponseResult | undefined;
    handler.handle(new IncomingRequest(request), new ResponseOutparam((result) => (answer = result)));
    return responseFrom(this.name, answer);
  }

  /** Serves one request on a fresh instance, made for it and released after. */
  serveOnce(request: HttpRequest, options: HostOptions = {}): HttpResponse {
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
