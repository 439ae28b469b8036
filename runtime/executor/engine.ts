// Runs an app's components on one thread: a fresh instance for every
// request, chained requests included. Each component's outgoing requests go
// through outbound-http.ts, with service chaining served right here, nested
// in the caller's request: so this thread knows how deep a request nests.
import type { Component, Instance } from '../component/component.js';
import type { Store } from '../key-value/store.js';
import type { AppComponent } from '../manifest/app.js';
import { outboundFrom } from '../outbound/outbound-http.js';
import { chainingInterceptor } from '../trigger-http/service-chaining.js';
import type { HttpRequest, HttpResponse, IncomingHttpRequest, Outbound, OutboundResult } from '../wasi/http.js';
import type { HostOptions } from '../wasi/imports.js';
import type { Sink } from '../wasi/io.js';
import type { InstanceCounter } from './limits.js';
import type { InstanceCounts } from './protocol.js';

/** An app component with the code that runs it. */
export interface Runnable {
  config: AppComponent;
  component: Component;
}

export interface EngineOptions {
  /** Outgoing requests that leave the process, once allowed. */
  network: Outbound;
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
}

/** What a caller gets when the component it called trapped, or could not have an instance: Spin's empty 500. */
const FAILED: HttpResponse = { status: 500, headers: [], body: new Uint8Array() };

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

  constructor(
    private readonly components: ReadonlyMap<string, Runnable>,
    private readonly options: EngineOptions,
  ) {
    const chain = chainingInterceptor({ has: (id) => components.has(id), serve: (id, request) => this.chained(id, request) }, options.log);
    for (const [id, { config }] of components) {
      this.hostOptions.set(id, {
        variables: config.variables,
        environment: config.environment,
        outbound: outboundFrom(config, { chain, network: options.network, log: options.log }),
        keyValue: { labels: new Set(config.keyValueStores), open: options.stores },
        stdout: options.stdio(id, 'stdout'),
        stderr: options.stdio(id, 'stderr'),
      });
    }
  }

  private runnable(id: string): Runnable {
    const runnable = this.components.get(id);
    if (!runnable) throw new Error(`no component ${id} in this app`);
    return runnable;
  }

  private instance(id: string): Instance {
    const prepared = this.ready.get(id);
    if (prepared) {
      this.ready.delete(id);
      return prepared;
    }
    return this.runnable(id).component.instantiate(this.hostOptions.get(id));
  }

  /** Prepares the next instance of `id` now, while nothing waits for it; one that cannot be made is left to the request, which says why. */
  prepare(id: string): void {
    if (this.ready.has(id)) return;
    try {
      this.ready.set(id, this.runnable(id).component.instantiate(this.hostOptions.get(id)));
    } catch {
      // serve() instantiates again, and logs the error with the request it failed.
    }
  }

  /** How many instances exist now: serving a request, or prepared for the next. */
  get instances(): InstanceCounts {
    return { live: this.nesting.length, prepared: this.ready.size };
  }

  /**
   * Serves `request` with component `id`. A component that traps answers 500;
   * the trap is logged and the next request gets a fresh instance as always.
   */
  serve(id: string, request: IncomingHttpRequest): HttpResponse {
    const { component } = this.runnable(id);
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
    return { ok: true, response: this.serve(id, request) };
  }
}
