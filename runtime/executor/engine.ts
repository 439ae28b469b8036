// Runs an app's components on one thread: a fresh instance for every
// request, chained requests included. Each component's outgoing requests go
// through outbound-http.ts, with service chaining served right here.
import type { Component, Instance } from '../component/component.js';
import type { AppComponent } from '../manifest/app.js';
import { outboundFrom } from '../outbound/outbound-http.js';
import { chainingInterceptor } from '../trigger-http/service-chaining.js';
import type { HttpResponse, IncomingHttpRequest, Outbound } from '../wasi/http.js';
import type { HostOptions } from '../wasi/imports.js';
import type { Sink } from '../wasi/io.js';
import type { InstanceCounts } from './protocol.js';

/** An app component with the code that runs it. */
export interface Runnable {
  config: AppComponent;
  component: Component;
}

export interface EngineOptions {
  /** Outgoing requests that leave the process, once allowed. */
  network: Outbound;
  /** Where the runtime says what went wrong, one line at a time. */
  log: (line: string) => void;
  /** A component's stdout or stderr. */
  stdio: (component: string, stream: 'stdout' | 'stderr') => Sink;
}

/** The response a caller gets when the component it called trapped. */
const TRAPPED: HttpResponse = { status: 500, headers: [], body: new Uint8Array() };

export class Engine {
  private readonly hostOptions = new Map<string, HostOptions>();
  /** Instances prepared ahead of demand, one per component at most, each to serve once. */
  private readonly ready = new Map<string, Instance>();
  /** Instances serving a request now, chained ones included. */
  private live = 0;

  constructor(
    private readonly components: ReadonlyMap<string, Runnable>,
    private readonly options: EngineOptions,
  ) {
    const chain = chainingInterceptor({ has: (id) => components.has(id), serve: (id, request) => this.serve(id, request) }, options.log);
    for (const [id, { config }] of components) {
      this.hostOptions.set(id, {
        variables: config.variables,
        environment: config.environment,
        outbound: outboundFrom(config, { chain, network: options.network, log: options.log }),
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

  /** Prepares the next instance of `id` now, while nothing waits for it. */
  prepare(id: string): void {
    if (!this.ready.has(id)) this.ready.set(id, this.runnable(id).component.instantiate(this.hostOptions.get(id)));
  }

  /** How many instances exist now: serving a request, or prepared for the next. */
  get instances(): InstanceCounts {
    return { live: this.live, prepared: this.ready.size };
  }

  /**
   * Serves `request` with component `id`. A component that traps answers 500;
   * the trap is logged and the next request gets a fresh instance as always.
   */
  serve(id: string, request: IncomingHttpRequest): HttpResponse {
    const { component } = this.runnable(id);
    const instance = this.instance(id);
    this.live++;
    try {
      return component.serve(instance, request);
    } catch (error) {
      this.options.log(`${id} trapped while handling ${request.method} ${request.pathWithQuery}: ${String(error)}`);
      return TRAPPED;
    } finally {
      component.release(instance);
      this.live--;
    }
  }
}
