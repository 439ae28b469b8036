// The HTTP side of the runtime, on the main thread: it routes each request as
// Spin does, hands it with Spin's headers to a worker, and writes the answer.
// Private and unknown routes get Spin's empty 404.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import type { App } from './app.js';
import { missingImports } from './component.js';
import { compileComponent } from './prepare.js';
import { ComponentLogs } from './logs.js';
import { isGuestConnection, sendOverNetwork } from './network.js';
import { chainingTarget } from './outbound-hosts.js';
import { WorkerPool } from './pool.js';
import { parseRequestTarget, pathOf, requestAuthority } from './request-target.js';
import { spinHeaders } from './routes.js';
import type { HttpRequest, HttpResponse } from './wasi/http.js';
import type { WorkerInit } from './worker-protocol.js';

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

/** A problem that stops the app from starting, said in one message. */
export class StartupError extends Error {}

/** Headers that describe one connection, not the message; Node sets its own. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length']);

const NOT_FOUND: HttpResponse = { status: 404, headers: [], body: new Uint8Array() };

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The request's own headers, less Connection and a Host that names a spin.internal component (Spin strips both). */
function forwardedHeaders(request: IncomingMessage): [string, string][] {
  const headers: [string, string][] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const [name, value] = [request.rawHeaders[i], request.rawHeaders[i + 1]];
    const lower = name.toLowerCase();
    if (lower === 'connection' || (lower === 'host' && chainingTarget(value) !== undefined)) continue;
    headers.push([name, value]);
  }
  return headers;
}

function hostHeaders(request: IncomingMessage): string[] {
  return request.rawHeaders.filter((_, i) => i % 2 === 1 && request.rawHeaders[i - 1].toLowerCase() === 'host');
}

function write(response: ServerResponse, answer: HttpResponse): void {
  const headers = answer.headers.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
  response.writeHead(answer.status, [...headers, ['content-length', String(answer.body.length)]].flat());
  response.end(answer.body);
}

async function compileAll(app: App): Promise<WorkerInit['components']> {
  const compiled = await Promise.all([...app.components.values()].map(async (spec) => ({ spec, compiled: await compileComponent(spec.wasm) })));
  const problems = compiled.flatMap(({ spec, compiled: c }) =>
    missingImports(c.imports).map((name) => `component ${spec.id} imports ${name}, which the local runtime does not provide`),
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
  const pool = new WorkerPool(await compileAll(app), {
    size,
    max: Math.max(size, 64),
    network: sendOverNetwork,
    log,
    stdio: (component, stream, bytes) => logs.write(component, stream, bytes),
  });

  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    inFlight++;
    handle(request)
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

  async function handle(request: IncomingMessage): Promise<HttpResponse> {
    const target = parseRequestTarget(request.url ?? '/');
    const path = pathOf(target.pathWithQuery);
    const body = await readBody(request);
    if (path.startsWith('/.well-known/spin/')) return wellKnown(path);
    const match = app.router.match(path);
    if (!match) return NOT_FOUND;
    const authority = requestAuthority(hostHeaders(request), target);
    // RFC 9112 section 3.2 asks for a 400 here; Spin 4.1 closes the connection without answering.
    if (!authority.ok) return { status: 400, headers: [['content-type', 'text/plain; charset=utf-8']], body: Buffer.from(`Bad Request: ${authority.reason}`) };
    const { pathWithQuery } = target;
    const origin = { scheme: 'http', host: authority.authority, pathWithQuery, clientAddr: `${request.socket.remoteAddress}:${request.socket.remotePort}` };
    const forwarded: HttpRequest = {
      method: request.method ?? 'GET',
      scheme: 'http',
      authority: authority.authority,
      pathWithQuery,
      headers: [...forwardedHeaders(request), ...spinHeaders(match, origin)],
      body,
    };
    return pool.dispatch(match.component, forwarded, isGuestConnection(request.socket.remotePort));
  }

  /** Spin's reserved routes; `info` also counts this runtime's workers and instances. */
  async function wellKnown(path: string): Promise<HttpResponse> {
    const text = (status: number, body: string, type = 'text/plain'): HttpResponse => ({ status, headers: [['content-type', type]], body: Buffer.from(body) });
    if (path === '/.well-known/spin/health') return text(200, 'OK');
    if (path === '/.well-known/spin/info') {
      return text(200, JSON.stringify({ name: app.name, runtime: 'bookserver local runtime', ...(await pool.stats()) }), 'application/json');
    }
    return NOT_FOUND;
  }

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
