// A component ready to run: transpiled to JavaScript bindings (prepare.ts),
// its core modules compiled once, at load, and a fresh instance made by every
// `instantiate`, as Spin gives each request one.
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as IncomingHandler from './generated/interfaces/wasi-http-incoming-handler.js';
import { stderr, stdout } from './wasi/cli.js';
import { monotonicClock, wallClock, type WallClock } from './wasi/clocks.js';
import { configStore } from './wasi/config.js';
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
import { BINDINGS_FILE, prepare } from './prepare.js';

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
    'wasi:cli/stdout': stdout(options.stdout ?? ((bytes) => process.stdout.write(bytes))),
    'wasi:cli/stderr': stderr(options.stderr ?? ((bytes) => process.stderr.write(bytes))),
    'wasi:clocks/monotonic-clock': monotonicClock,
    'wasi:clocks/wall-clock': wallClock(options.clock),
    'wasi:config/store': configStore(options.variables ?? new Map()),
    'wasi:http/outgoing-handler': outgoingHandler(options.outbound ?? denyAll),
    'wasi:http/types': types,
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll },
    'wasi:io/streams': { InputStream, OutputStream },
    ...options.imports,
  };
}

/** The interfaces `hostImports` provides, unversioned. */
export const HOSTED_INTERFACES: readonly string[] = Object.keys(hostImports());

export class Component {
  private constructor(
    readonly name: string,
    /** The interfaces the component imports, unversioned. */
    readonly imports: readonly string[],
    private readonly instantiateBindings: Instantiate,
    private readonly coreModules: ReadonlyMap<string, WebAssembly.Module>,
  ) {}

  /** Prepares the component in `wasmFile` and compiles its core modules. */
  static async load(wasmFile: string): Promise<Component> {
    const { dir, imports } = await prepare(wasmFile);
    const bindings = (await import(pathToFileURL(join(dir, BINDINGS_FILE)).href)) as { instantiate: Instantiate };
    const coreFiles = (await readdir(dir)).filter((file) => file.endsWith('.wasm'));
    const modules = await Promise.all(
      coreFiles.map(async (file) => [file, await WebAssembly.compile(await readFile(join(dir, file)))] as const),
    );
    return new Component(basename(wasmFile, extname(wasmFile)), imports, bindings.instantiate, new Map(modules));
  }

  /** The imports nothing provides: neither this host nor `provided`. */
  missingImports(provided: readonly string[] = []): string[] {
    return this.imports.filter((name) => !HOSTED_INTERFACES.includes(name) && !provided.includes(name));
  }

  /** A fresh instance; its exports by name. */
  instantiate(options: HostOptions = {}): Record<string, unknown> {
    return this.instantiateBindings(
      (file) => {
        const module = this.coreModules.get(file);
        if (!module) throw new Error(`${this.name}: the transpiled bindings ask for ${file}, which is not beside them`);
        return module;
      },
      hostImports(options),
      (module, imports) => new WebAssembly.Instance(module, imports),
    );
  }

  /** Serves one request on a fresh instance through its wasi:http/incoming-handler export. */
  handle(request: HttpRequest, options: HostOptions = {}): HttpResponse {
    const handler = this.instantiate(options).incomingHandler as typeof IncomingHandler | undefined;
    if (typeof handler?.handle !== 'function') {
      throw new Error(`${this.name} does not export wasi:http/incoming-handler`);
    }
    let answer: ResponseResult | undefined;
    handler.handle(new IncomingRequest(request), new ResponseOutparam((result) => (answer = result)));
    return responseFrom(this.name, answer);
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
