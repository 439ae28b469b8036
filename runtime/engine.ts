// Runs an app's components on one thread: a fresh instance for every request,
// chained requests included, and every outgoing request checked against the
// caller's allowed_outbound_hosts. A request to <id>.spin.internal is served
// right here, by calling the target component in process; anything else the
// caller may reach goes to `network`.
import type { AppComponent } from './app.js';
import type { Component, HostOptions, Instance } from './component.js';
import { allowsChaining, allowsUrl, chainingTarget, CHAINING_SUFFIX } from './outbound-hosts.js';
import { chainedMatch, spinHeaders } from './routes.js';
import type { HttpRequest, HttpResponse, Outbound, OutboundResult } from './wasi/http.js';
import type { Sink } from './wasi/io.js';

export interface EngineComponent {
  spec: AppComponent;
  component: Component;
}

export interface EngineOptions {
  /** Outgoing requests that are not service chaining and are allowed. */
  network: Outbound;
  /** Where the runtime says what went wrong, one line at a time. */
  log: (line: string) => void;
  /** A component's stdout or stderr. */
  stdio: (component: string, stream: 'stdout' | 'stderr') => Sink;
}

const DENIED: OutboundResult = { ok: false, error: { tag: 'HTTP-request-denied' } };

/** The response a caller gets when the component it called trapped. */
const TRAPPED: HttpResponse = { status: 500, headers: [], body: new Uint8Array() };

export class Engine {
  private readonly hostOptions = new Map<string, HostOptions>();
  /** Instances made ahead of demand, one per component at most, each to serve once. */
  private readonly ready = new Map<string, Instance>();
  /** Instances serving a request now, chained ones included. */
  private live = 0;

  constructor(
    private readonly components: ReadonlyMap<string, EngineComponent>,
    private readonly options: EngineOptions,
  ) {
    for (const [id, { spec }] of components) {
      this.hostOptions.set(id, {
        variables: spec.variables,
        environment: spec.environment,
        outbound: this.outboundFrom(spec),
        stdout: options.stdio(id, 'stdout'),
        stderr: options.stdio(id, 'stderr'),
      });
    }
  }

  private entry(id: string): EngineComponent {
    const entry = this.components.get(id);
    if (!entry) throw new Error(`no component ${id} in this app`);
    return entry;
  }

  private instance(id: string): Instance {
    const prepared = this.ready.get(id);
    if (prepared) {
      this.ready.delete(id);
      return prepared;
    }
    return this.entry(id).component.instantiate(this.hostOptions.get(id));
  }

  /** Makes the next instance of `id` now, while nothing waits for it. */
  prepare(id: string): void {
    if (!this.ready.has(id)) this.ready.set(id, this.entry(id).component.instantiate(this.hostOptions.get(id)));
  }

  /** How many instances exist now: serving a request, or made ahead of one. */
  get instances(): { live: number; prepared: number } {
    return { live: this.live, prepared: this.ready.size };
  }

  /**
   * Serves `request` with component `id`. A component that traps answers 500;
   * the trap is logged and the next request gets a fresh instance as always.
   */
  handle(id: string, request: HttpRequest): HttpResponse {
    const { component } = this.entry(id);
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

  private outboundFrom(caller: AppComponent): Outbound {
    return (request) => {
      const url = `${request.scheme}://${request.authority}${request.pathWithQuery}`;
      const target = chainingTarget(request.authority);
      if (target !== undefined) {
        if (!allowsChaining(caller.allowedHosts, target)) {
          this.options.log(`${caller.id}: denied ${request.method} ${url}: allowed_outbound_hosts does not name ${target}${CHAINING_SUFFIX} or *${CHAINING_SUFFIX}`);
          return DENIED;
        }
        if (!this.components.has(target)) {
          this.options.log(`${caller.id}: ${request.method} ${url}: this app has no component ${target} to chain to`);
          return { ok: false, error: { tag: 'destination-not-found' } };
        }
        return { ok: true, response: this.handle(target, chainedRequest(target, request)) };
      }
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return { ok: false, error: { tag: 'HTTP-request-URI-invalid' } };
      }
      if (!allowsUrl(caller.allowedHosts, parsed)) {
        this.options.log(`${caller.id}: denied ${request.method} ${url}: not in allowed_outbound_hosts`);
        return DENIED;
      }
      return this.options.network(request);
    };
  }
}

/** As Spin hands a chained request to its target: Host names the target, the whole path is the path info. */
function chainedRequest(target: string, request: HttpRequest): HttpRequest {
  const host = `${target}${CHAINING_SUFFIX}`;
  const path = request.pathWithQuery.split('?')[0];
  const origin = { scheme: 'http', host, pathWithQuery: request.pathWithQuery, clientAddr: '0.0.0.0:0' };
  return {
    ...request,
    authority: host,
    headers: [
      ...request.headers.filter(([name]) => name.toLowerCase() !== 'host'),
      ['host', host],
      ...spinHeaders(chainedMatch(target, path), origin),
    ],
  };
}
