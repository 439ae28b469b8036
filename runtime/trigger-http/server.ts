// The HTTP trigger, on the main thread: it routes each request as Spin does,
// hands it with Spin's headers (headers.ts) to a worker, and writes the
// answer. Private and unknown routes get Spin's empty 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import { compileComponent } from '../component/compile.js';
import { StartupError } from '../errors.js';
import { WorkerPool } from '../executor/pool.js';
import type { WorkerInit } from '../executor/protocol.js';
import { GuestConnections } from '../executor/waiting-guests.js';
import type { App } from '../manifest/app.js';
import { sendOverNetwork } from '../outbound/network.js';
import type { HttpRequest, HttpResponse } from '../wasi/http.js';
import { missingImports } from '../wasi/imports.js';
import { forwardedHeaders, hostHeaders, messageHeaders, spinHeaders } from './headers.js';
import { parseRequestTarget, pathOf, requestAuthority } from './request-target.js';
import { ComponentLogs } from './stdio-logs.js';
import { NOT_FOUND, WELL_KNOWN_PREFIX, wellKnown } from './well-known.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** Where component stdout and stderr go. */
  logDir: string;
  /** Worker threads to start with; one per core by default. */
  workers?: number;
  /** The runtime's own messages (denied requests, traps). */
  log?: (line: string) => void;
}

export interface RunningApp {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Stops accepting connections, lets requests in flight finish, then stops the workers. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function write(response: ServerResponse, answer: HttpResponse): void {
  response.writeHead(answer.status, [...messageHeaders(answer.headers), ['content-length', String(answer.body.length)]].flat());
  response.end(answer.body);
}

async function compileAll(app: App): Promise<WorkerInit['components']> {
  const compiled = await Promise.all(
    [...app.components.values()].map(async (config) => ({ config, compiled: await compileComponent(config.wasm) })),
  );
  const problems = compiled.flatMap(({ config, compiled: c }) =>
    missingImports(c.imports).map((name) => `component ${config.id} imports ${name}, which the local runtime does not provide`),
  );
  if (problems.length > 0) throw new StartupError(`${app.manifestFile}: the app cannot start:\n  - ${problems.join('\n  - ')}`);
  return compiled;
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

export async function serveApp(app: App, options: ServeOptions): Promise<RunningApp> {
  const log = options.log ?? ((line: string) => console.error(line));
  const logs = new ComponentLogs(options.logDir);
  const size = options.workers ?? availableParallelism();
  const guestConnections = new GuestConnections();
  const pool = new WorkerPool(await compileAll(app), {
    size,
    max: Math.max(size, 64),
    network: (request) => sendOverNetwork(request, guestConnections),
    log,
    stdio: (component, stream, bytes) => logs.write(component, stream, bytes),
  });

  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    inFlight++;
    route(request)
      .then((answer) => write(response, answer))
      .catch((error: unknown) => {
        log(`${request.method} ${request.url}: ${String(error)}`);
        if (response.headersSent) response.destroy();
        else write(response, { status: 500, headers: [], body: new Uint8Array() });
      })
      .finally(() => {
        if (--inFlight === 0) drained?.();
      });
  });

  async function route(request: IncomingMessage): Promise<HttpResponse> {
    const target = parseRequestTarget(request.url ?? '/');
    const path = pathOf(target.pathWithQuery);
    const body = await readBody(request);
    if (path.startsWith(WELL_KNOWN_PREFIX)) return wellKnown(path, info);
    const match = app.router.match(path);
    if (!match) return NOT_FOUND;
    const authority = requestAuthority(hostHeaders(request), target);
    // RFC 9112 section 3.2 asks for a 400 here; Spin 4.1 closes the connection without answering.
    if (!authority.ok)
      return {
        status: 400,
        headers: [['content-type', 'text/plain; charset=utf-8']],
        body: Buffer.from(`Bad Request: ${authority.reason}`),
      };
    const { pathWithQuery } = target;
    const origin = {
      scheme: 'http',
      host: authority.authority,
      pathWithQuery,
      clientAddr: `${request.socket.remoteAddress}:${request.socket.remotePort}`,
    };
    const forwarded: HttpRequest = {
      method: request.method ?? 'GET',
      scheme: 'http',
      authority: authority.authority,
      pathWithQuery,
      headers: [...forwardedHeaders(request), ...spinHeaders(match, origin)],
      body,
    };
    return pool.dispatch(match.component, forwarded, guestConnections.has(request.socket.remotePort));
  }

  /** What /.well-known/spin/info says: the app, and this runtime's workers and instances. */
  const info = async (): Promise<object> => ({ name: app.name, runtime: 'bookserver local runtime', ...(await pool.stats()) });

  const port = await listen(server, options.host, options.port);
  try {
    await pool.start();
  } catch (error) {
    server.close();
    await pool.close();
    throw error;
  }

  return {
    url: `http://${options.host}:${port}`,
    async close() {
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
      server.close();
      server.closeIdleConnections();
      await idle;
      await pool.close();
      await logs.close();
    },
  };
}
