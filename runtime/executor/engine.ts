// Runs an app's components on one thread. A WASI 0.2 component gets a fresh
// instance for every request, chained requests included; a WASI 0.3 one
// serves from instances kept for reuse (reuse.ts), several requests at once.
// Each component's outgoing requests go through outbound-http.ts, with
// service chaining served right here, nested in the caller's request: so
// this thread knows how deep a request nests. A WASI 0.2 guest waits for its
// answer synchronously, holding this thread, so its chained request to a
// WASI 0.3 component is served in another worker (`elsewhere`).
import { AsyncComponent, type AsyncInstance } from '../component/async-component.js';
import type { Component, Instance } from '../component/component.js';
import type { Store } from '../key-value/store.js';
import type { AppComponent } from '../manifest/app.js';
import { outboundFrom } from '../outbound/outbound-http.js';
import { chainingInterceptor } from '../trigger-http/service-chaining.js';
import type { HttpRequest, HttpResponse, IncomingHttpRequest, Outbound, OutboundResult } from '../wasi/http.js';
import type { AsyncHttpRequest, AsyncOutbound } from '../wasi/http-p3.js';
import type { HostOptions } from '../wasi/imports.js';
import type { Sink } from '../wasi/io.js';
import type { InstanceCounter } from './limits.js';
import type { InstanceCounts } from './protocol.js';
import { ReusedInstances, type ReusePolicy } from './reuse.js';

/** An app component with the code that runs it. */
export interface Runnable {
  config: AppComponent;
  component: Component | AsyncComponent;
}

export interface EngineOptions {
  /** Outgoing requests that leave the process, once allowed. */
  network: Outbound;
  /** The same from a WASI 0.3 guest, awaited. */
  networkAsync: AsyncOutbound;
  /** The app's key-value stores by label; none for a label the app lacks. */
  stores: (label: string) => Store | undefined;
  /** Where the runtime says what went wrong, one line at a time. */
  log: (line: string) => void;
  /** A component's stdout or stderr. */
  stdio: (component: string, stream: 'stdout' | 'stderr') => Sink;
  /** Instances alive at once, app-wide (limits.ts). */
  instances: InstanceCounter;
  /** How many chained requests one request may nest. */
  maxChainDepth: number;
  /** How a WASI 0.3 instance is reused. */
  reuse: ReusePolicy;
  /** Serves a chained request to a WASI 0.3 component in another worker, while this thread waits. */
  elsewhere: (id: string, request: HttpRequest) => OutboundResult;
}

/** What a caller gets when the component it called trapped, or could not have an instance: Spin's empty 500. */
const FAILED: HttpResponse = { status: 500, headers: [], body: new Uint8Array() };

/** Whether a guest's failure is the error-code its handler returned (the instance is sound), not a trap. */
const isErrorCode = (error: unknown): error is { tag: string } =>
  typeof error === 'object' && error !== null && !(error instanceof Error) && typeof (error as { tag?: unknown }).tag === 'string';

/** The components on the way to `target`, and the loop among them if `target` is already on it. */
function describeNesting(nesting: readonly string[], target: string): string {
  const from = nesting.lastIndexOf(target);
  if (from >= 0) return `a chaining loop, ${[...nesting.slice(from), target].join(' → ')}`;
  const path = nesting.length > 6 ? [...nesting.slice(0, 3), '…', ...nesting.slice(-2)] : nesting;
  return [...path, target].join(' → ');
}

export class Engine {
  private readonly hostOptions = new Map<string, HostOptions>();
  /** Instances prepared ahead of demand, one per component at most, each to serve once. */
  private readonly ready = new Map<string, Instance>();
  /** The components serving in this thread now, outermost first: one request and those it chained to. */
  private readonly nesting: string[] = [];
  /** The instances kept for reuse, for each WASI 0.3 component. */
  private readonly reused = new Map<string, ReusedInstances<AsyncInstance>>();

  constructor(
    private readonly components: ReadonlyMap<string, Runnable>,
    private readonly options: EngineOptions,
  ) {
    const has = (id: string): boolean => components.has(id);
    const chain = chainingInterceptor({ has, serve: (id, request) => this.chained(id, request) }, options.log);
    const chainAsync = chainingInterceptor({ has, serve: (id, request) => this.chainedAsync(id, request) }, options.log);
    for (const [id, { config }] of components) {
      const send = outboundFrom(config, { chain: chainAsync, network: options.networkAsync, log: options.log });
      this.hostOptions.set(id, {
        variables: config.variables,
        environment: config.environment,
        outbound: outboundFrom(config, { chain, network: options.network, log: options.log }),
        send: async (request) => send(request),
        keyValue: { labels: new Set(config.keyValueStores), open: options.stores },
        stdout: options.stdio(id, 'stdout'),
        stderr: options.stdio(id, 'stderr'),
      });
    }
    for (const [id, { component }] of components) {
      if (!(component instanceof AsyncComponent)) continue;
      const make = async (): Promise<AsyncInstance | undefined> => {
        if (!options.instances.take()) return undefined;
        try {
          return await component.instantiate(this.hostOptions.get(id));
        } catch (error) {
          options.instances.give();
          throw error;
        }
      };
      this.reused.set(id, new ReusedInstances(options.reuse, make, () => options.instances.give()));
    }
  }

  /** Whether `id` is a WASI 0.3 component, served by `serveAsync`. */
  isAsync(id: string): boolean {
    return this.reused.has(id);
  }

  private runnable(id: string): Runnable {
    const runnable = this.components.get(id);
    if (!runnable) throw new Error(`no component ${id} in this app`);
    return runnable;
  }

  private instance(id: string): Instance {
    const component = this.runnable(id).component;
    if (component instanceof AsyncComponent) throw new Error(`${id} is a WASI 0.3 component, served by serveAsync`);
    const prepared = this.ready.get(id);
    if (prepared) {
      this.ready.delete(id);
      return prepared;
    }
    return component.instantiate(this.hostOptions.get(id));
  }

  /** Prepares the next instance of `id` now, while nothing waits for it; one that cannot be made is left to the request, which says why. */
  prepare(id: string): void {
    if (this.ready.has(id) || this.isAsync(id)) return;
    try {
      this.ready.set(id, this.instance(id));
    } catch {
      // serve() instantiates again, and logs the error with the request it failed.
    }
  }

  /** How many instances exist now: serving a request, or prepared for the next. */
  get instances(): InstanceCounts {
    let live = this.nesting.length;
    let prepared = this.ready.size;
    for (const reused of this.reused.values()) {
      live += reused.counts.serving;
      prepared += reused.counts.idle;
    }
    return { live, prepared };
  }

  /**
   * Serves `request` with component `id`. A component that traps answers 500;
   * the trap is logged and the next request gets a fresh instance as always.
   */
  serve(id: string, request: IncomingHttpRequest): HttpResponse {
    const { component } = this.runnable(id);
    if (component instanceof AsyncComponent) throw new Error(`${id} is a WASI 0.3 component, served by serveAsync`);
    if (!this.options.instances.take()) {
      const caller = this.nesting.at(-1);
      this.options.log(
        `${id}: no instance for ${request.method} ${request.pathWithQuery}${caller ? ` (chained from ${caller})` : ''}: ` +
          `the app has ${this.options.instances.max} instances alive, the most it may (SPIN_MAX_INSTANCE_COUNT)`,
      );
      return FAILED;
    }
    let instance: Instance | undefined;
    this.nesting.push(id);
    try {
      instance = this.instance(id);
      return component.serve(instance, request);
    } catch (error) {
      const doing = instance ? 'trapped while handling' : 'could not be instantiated for';
      this.options.log(`${id} ${doing} ${request.method} ${request.pathWithQuery}: ${String(error)}`);
      return FAILED;
    } finally {
      this.nesting.pop();
      if (instance) component.release(instance);
      this.options.instances.give();
    }
  }

  /**
   * Serves `request` with WASI 0.3 component `id`, on an instance kept for
   * reuse. A trap answers 500 and retires the instance; an error-code the
   * handler returns answers 500 and keeps it.
   */
  async serveAsync(id: string, request: AsyncHttpRequest): Promise<HttpResponse> {
    const reused = this.reused.get(id);
    const component = this.runnable(id).component;
    if (!reused || !(component instanceof AsyncComponent)) throw new Error(`${id} is not a WASI 0.3 component`);
    const what = `${request.method} ${request.pathWithQuery}`;
    let lease: Awaited<ReturnType<typeof reused.take>>;
    try {
      lease = await reused.take();
    } catch (error) {
      this.options.log(`${id} could not be instantiated for ${what}: ${String(error)}`);
      return FAILED;
    }
    if (!lease) {
      this.options.log(
        `${id}: no instance for ${what}: the app has ${this.options.instances.max} instances alive, the most it may (SPIN_MAX_INSTANCE_COUNT)`,
      );
      return FAILED;
    }
    let trapped = false;
    try {
      return await component.serve(lease.instance, request);
    } catch (error) {
      trapped = !isErrorCode(error);
      const how = isErrorCode(error) ? `answered ${what} with error-code ${error.tag}` : `trapped while handling ${what}: ${String(error)}`;
      this.options.log(`${id} ${how}`);
      return FAILED;
    } finally {
      reused.give(lease, trapped);
    }
  }

  /** Serves a request that a component serving here sent to `id`, unless it would nest deeper than allowed. */
  chained(id: string, request: HttpRequest): OutboundResult {
    if (this.nesting.length > this.options.maxChainDepth) {
      const caller = this.nesting.at(-1);
      this.options.log(
        `${caller}: refused ${request.method} ${request.scheme}://${request.authority}${request.pathWithQuery} (loop-detected): ` +
          `${describeNesting(this.nesting, id)}, would nest ${this.nesting.length} chained requests deep, past --max-chain-depth ${this.options.maxChainDepth}`,
      );
      return { ok: false, error: { tag: 'loop-detected' } };
    }
    if (this.isAsync(id)) return this.options.elsewhere(id, request);
    return { ok: true, response: this.serve(id, request) };
  }

  /**
   * Serves a request that a WASI 0.3 guest serving here sent to `id`, in
   * this thread: awaited if `id` is a WASI 0.3 component too, at once if not.
   * A WASI 0.3 loop is bounded by the app's instances, as on Spin.
   */
  async chainedAsync(id: string, request: HttpRequest): Promise<OutboundResult> {
    if (this.isAsync(id)) return { ok: true, response: await this.serveAsync(id, request) };
    return this.chained(id, request);
  }
}
