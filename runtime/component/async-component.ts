// A WASI 0.3 component ready to run: its instances are made asynchronously
// (JSPI suspends the guest while the host awaits), and each one may serve
// many requests, several at once, as Spin reuses them (executor/reuse.ts
// decides which instance serves which request).
import { pathToFileURL } from 'node:url';
import type { Response } from '#preview3-shim/http';
import type { HttpResponse } from '../wasi/http.js';
import { type AsyncHttpRequest, guestRequest, hostResponse, httpClient03, httpTypes03 } from '../wasi/http-p3.js';
import { denyAll, hostImports, type HostOptions, type Imports } from '../wasi/imports.js';
import type { CompiledComponent } from './compile.js';

type InstantiateAsync = (getCoreModule: (name: string) => WebAssembly.Module, imports: Imports) => Promise<Record<string, unknown>>;

/** The handler a WASI 0.3 instance exports, as the bindings present it. */
interface Handler03 {
  handle(request: ReturnType<typeof guestRequest>): Promise<Response>;
}

/** A WASI 0.3 instance: its HTTP handler. */
export interface AsyncInstance {
  handler: Handler03;
}

export class AsyncComponent {
  private constructor(
    private readonly compiled: CompiledComponent,
    private readonly instantiateBindings: InstantiateAsync,
  ) {}

  static async fromCompiled(compiled: CompiledComponent): Promise<AsyncComponent> {
    const bindings = (await import(pathToFileURL(compiled.bindings).href)) as { instantiate: InstantiateAsync };
    return new AsyncComponent(compiled, bindings.instantiate);
  }

  get name(): string {
    return this.compiled.name;
  }

  /** A fresh instance, WASI 0.3's HTTP types beside the rest of the host. */
  async instantiate(options: HostOptions = {}): Promise<AsyncInstance> {
    const exports = await this.instantiateBindings(
      (file) => {
        const module = this.compiled.modules.get(file);
        if (!module) throw new Error(`${this.name}: the transpiled bindings ask for ${file}, which is not beside them`);
        return module;
      },
      // wasi:clocks/types@0.3.0 holds types only: nothing to provide.
      {
        ...hostImports(options),
        'wasi:http/types': httpTypes03,
        'wasi:http/client': httpClient03(options.send ?? (async (request) => denyAll(request))),
        'wasi:clocks/types': {},
      },
    );
    const handler = exports.handler as Handler03 | undefined;
    if (typeof handler?.handle !== 'function') throw new Error(`${this.name} does not export wasi:http/handler`);
    return { handler };
  }

  /** Serves one request through `instance`; a trap rejects, and the instance must not serve again. */
  async serve(instance: AsyncInstance, request: AsyncHttpRequest): Promise<HttpResponse> {
    return hostResponse(await instance.handler.handle(guestRequest(request)));
  }
}
