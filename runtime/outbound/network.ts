// Outgoing requests that leave the process: sent from the main thread with
// Node's HTTP client, over kept-alive connections, and turned into the
// wasi:http error codes a guest understands when they fail.
import http from 'node:http';
import https from 'node:https';
import type { GuestConnections } from '../executor/waiting-guests.js';
import type { ErrorCode, HttpRequest, OutboundResult } from '../wasi/http.js';

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

/** An answer is held whole for the guest, so one larger than this is refused rather than held. */
const MAX_RESPONSE_BYTES = 64 * 2 ** 20;

/** Long enough for any honest upstream; short enough that a stuck one frees its caller. */
const TIMEOUT_MS = 30_000;

function errorCode(error: NodeJS.ErrnoException): ErrorCode {
  switch (error.code) {
    case 'ECONNREFUSED':
      return { tag: 'connection-refused' };
    case 'ECONNRESET':
      return { tag: 'connection-terminated' };
    case 'ETIMEDOUT':
      return { tag: 'connection-timeout' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { tag: 'DNS-error', val: { rcode: error.code, infoCode: undefined } };
    default:
      return { tag: 'internal-error', val: error.message };
  }
}

/** Sends `request` out of the process; the connection it leaves on is told to `connections`. */
export function sendOverNetwork(request: HttpRequest, connections: GuestConnections): Promise<OutboundResult> {
  const url = new URL(`${request.scheme}://${request.authority}${request.pathWithQuery}`);
  const client = url.protocol === 'https:' ? https : http;
  // Headers given as a list go out as they are: Node adds no Host then, so it is added here.
  const headers = request.headers.some(([name]) => name.toLowerCase() === 'host')
    ? request.headers
    : [...request.headers, ['host', url.host]];
  return new Promise((resolve) => {
    const outgoing = client.request(
      url,
      { method: request.method, headers: headers.flat(), agent: agents[url.protocol as 'http:' | 'https:'], timeout: TIMEOUT_MS },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
          if (size <= MAX_RESPONSE_BYTES) return;
          incoming.destroy();
          resolve({ ok: false, error: { tag: 'HTTP-response-body-size', val: BigInt(size) } });
        });
        incoming.on('error', (error) => resolve({ ok: false, error: errorCode(error) }));
        incoming.on('end', () => {
          const headers: [string, string][] = [];
          for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.push([incoming.rawHeaders[i], incoming.rawHeaders[i + 1]]);
          resolve({ ok: true, response: { status: incoming.statusCode ?? 502, headers, body: Buffer.concat(chunks) } });
        });
      },
    );
    outgoing.on('socket', (socket) => connections.track(socket));
    outgoing.on('timeout', () => {
      outgoing.destroy();
      resolve({ ok: false, error: { tag: 'connection-timeout' } });
    });
    outgoing.on('error', (error) => resolve({ ok: false, error: errorCode(error) }));
    outgoing.end(request.body.length > 0 ? request.body : undefined);
  });
}
