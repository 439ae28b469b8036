// The HTTP trigger, on the main thread: it routes each request as Spin does,
// hands it with Spin's headers (headers.ts) to a worker, and writes the
// answer. Private and unknown routes get Spin's empty 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import { StartupError } from '../errors.js';
import { compileApp } from '../executor/compile-app.js';
import { DEFAULT_LIMITS, type Limits } from '../executor/limits.js';
import { WorkerPool } from '../executor/pool.js';
import type { WorkerInit } from '../executor/protocol.js';
import { atOnceNote } from '../executor/reuse.js';
import { selfAuthorities } from '../executor/self-requests.js';
import { GuestConnections } from '../executor/waiting-guests.js';
import { AppStores } from '../key-value/app-stores.js';
import { IN_MEMORY_DEFAULT, type StoreConfigs } from '../key-value/config.js';
import type { App } from '../manifest/app.js';
import { sendOverNetwork } from '../outbound/network.js';
import type { HttpResponse } from '../wasi/http.js';
import { messageHeaders, rawHeaderPairs } from './headers.js';
import { MAX_HEAD_BYTES, refuseUnparsed } from './head-limits.js';
import { hasBody, pullBody } from './request-body.js';
import { badRequest, NOT_FOUND, route } from './routing.js';
import { ComponentLogs } from './stdio-logs.js';
import { wellKnown } from './well-known.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** Where component stdout and stderr go: files in this folder, or this process's own without one, as in Spin (the state directory's logs/, when there is one). */
  logDir?: string;
  /** Worker threads to start with; one per core by default. */
  workers?: number;
  /** The runtime's own messages (denied requests, traps). */
  log?: (line: string) => void;
  /** A request still running after this long is abandoned and answered 500; none by default, as in Spin. */
  requestTimeoutMs?: number;
  /** On close, how long requests in flight may take to finish before their connections are closed. */
  shutdownGraceMs?: number;
  /** How long a worker may stay idle before it is retired (one started for waiting guests) or renewed (one that served). */
  workerIdleMs?: number;
  /** What components may take (executor/limits.ts); Spin's defaults where not given. */
  limits?: Partial<Limits>;
  /** The wac that composes components with their dependencies (runtime/compose/); needed only when some component has any. */
  wac?: string;
  /** The key-value stores by label, as the runtime config defines them (runtime/runtime-config/); the default one in memory when not given. */
  stores?: StoreConfigs;
}

export interface RunningApp {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** What was composed with what: a heading per component with dependencies, then a line per dependency. */
  composed: string[];
  /** What else a start-up says: where the runtime serves an app otherwise than its flags ask. */
  notes: string[];
  /** Stops accepting connections, lets requests in flight finish within the grace period, then stops the workers. */
  close(): Promise<void>;
}

/** Where the runtime serves the app's WASI 0.3 components otherwise than its flags ask, and why. */
function startupNotes(components: WorkerInit['components'], limits: Limits): string[] {
  const note = components.some(({ compiled }) => compiled.wasi === '0.3') ? atOnceNote(limits.reuse) : undefined;
  return note === undefined ? [] : [note];
}

function write(response: ServerResponse, answer: HttpResponse): void {
  response.writeHead(answer.status, [...messageHeaders(answer.headers), ['content-length', String(answer.body.length)]].flat());
  response.end(answer.body);
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`${host}:${port} is already in use; stop what listens there, or pass another address with --listen`)
          : error,
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const DEFAULT_WORKER_IDLE_MS = 10_000;
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export async function serveApp(app: App, options: ServeOptions): Promise<RunningApp> {
  const log = options.log ?? ((line: string) => console.error(line));
  const logs = options.logDir === undefined ? undefined : new ComponentLogs(options.logDir);
  const size = options.workers ?? availableParallelism();
  const guestConnections = new GuestConnections();
  const compiled = await compileApp(app, { wac: options.wac });
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const storeConfigs = options.stores ?? IN_MEMORY_DEFAULT;
  const stores = new AppStores(storeConfigs);
  const pool = new WorkerPool(compiled.components, {
    size,
    max: Math.max(size, 64),
    idleMs: options.workerIdleMs ?? DEFAULT_WORKER_IDLE_MS,
    limits,
    network: (request) => sendOverNetwork(request, guestConnections),
    stores: storeConfigs,
    keyValue: (request) => stores.answer(request),
    log,
    stdio: (component, stream, bytes) => (logs ? logs.write(component, stream, bytes) : process[stream].write(bytes)),
  });

  let inFlight = 0;
  let drained: (() => void) | undefined;
  // A head up to Spin's buffer is parsed, so that its limits are Spin's (head-limits.ts).
  const server = createServer({ maxHeaderSize: MAX_HEAD_BYTES }, (request, response) => {
    inFlight++;
    // The request is abandoned when its client goes before the answer is written, or when it runs too long.
    const abandoned = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abandoned.abort('the client went away');
    });
    const deadline =
      options.requestTimeoutMs === undefined ? undefined : setTimeout(() => abandoned.abort('timeout'), options.requestTimeoutMs);
    answer(request, response, abandoned.signal)
      .then((answer) => {
        if (abandoned.signal.reason === 'timeout')
          log(`${request.method} ${request.url}: still running after the request timeout; abandoned`);
        if (!response.destroyed) write(response, answer);
      })
      .catch((error: unknown) => {
        log(`${request.method} ${request.url}: ${String(error)}`);
        if (response.headersSent) response.destroy();
        else write(response, { status: 500, headers: [], body: new Uint8Array() });
      })
      .finally(() => {
        clearTimeout(deadline);
        if (--inFlight === 0) drained?.();
      });
  });

  server.on('clientError', refuseUnparsed);

  async function answer(request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<HttpResponse> {
    const routing = route(app.router, {
      method: request.method ?? 'GET',
      target: request.url ?? '/',
      headers: rawHeaderPairs(request),
      clientAddr: `${request.socket.remoteAddress}:${request.socket.remotePort}`,
    });
    switch (routing.kind) {
      case 'well-known':
        return wellKnown(routing.path, info);
      case 'not-found':
        return NOT_FOUND;
      case 'bad-request':
        return badRequest(routing.reason);
      case 'refused':
        // Spin closes the connection after such an answer; its `connection: close` is hop-by-hop, so Node is told here.
        response.shouldKeepAlive = false;
        return routing.response;
      case 'component':
        return pool.dispatch(routing.component, routing.request, {
          urgent: guestConnections.has(request.socket.remotePort),
          // Most requests have no body at all: then there is nothing to pull.
          body: hasBody(request) ? (max) => pullBody(request, max) : undefined,
          signal,
        });
    }
  }

  /** What /.well-known/spin/info says: the app, and this runtime's workers and instances. */
  const info = async (): Promise<object> => ({ name: app.name, runtime: 'bookserver local runtime', ...pool.stats() });

  const port = await listen(server, options.host, options.port);
  try {
    await pool.start({ routes: app.router.triggers, authorities: selfAuthorities(options.host, port) });
  } catch (error) {
    server.close();
    await pool.close();
    await stores.close();
    throw error;
  }

  return {
    url: `http://${options.host}:${port}`,
    composed: compiled.composed,
    notes: startupNotes(compiled.components, limits),
    async close() {
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
      server.close();
      server.closeIdleConnections();
      const grace = setTimeout(() => drained?.(), options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS);
      await idle;
      clearTimeout(grace);
      // What is still open after the grace period is closed, with whatever it was doing.
      server.closeAllConnections();
      await pool.close();
      await stores.close();
      await logs?.close();
    },
  };
}
