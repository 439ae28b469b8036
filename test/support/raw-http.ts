// HTTP/1.1 written by hand, for the requests a client library will not send:
// absolute-form targets, malformed Host headers, no Host at all, heads past
// every limit.
import { connect } from 'node:net';

export interface RawAnswer {
  /** Undefined when the server closed the connection without answering. */
  status?: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `head` (request line and headers, without the blank line) with `Connection: close`, and reads the answer. */
export function rawRequest(port: number, head: string[]): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write([...head, 'Connection: close', '', ''].join('\r\n')));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => resolve(parse(Buffer.concat(chunks))));
  });
}

const CRLF = Buffer.from('\r\n');

function parse(bytes: Buffer): RawAnswer {
  const end = bytes.indexOf('\r\n\r\n');
  if (!bytes.subarray(0, 5).equals(Buffer.from('HTTP/')) || end < 0) return { headers: {}, body: '' };
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const body = bytes.subarray(end + 4);
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: (headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body).toString('utf8'),
  };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const lineEnd = bytes.indexOf(CRLF, at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

export interface SentRaw {
  /** The answer's status line, or undefined when none came. */
  statusLine?: string;
  /** The connection was reset, not closed: what the client had not yet read may be lost. */
  reset: boolean;
}

/** Writes `bytes` as they are (a head no client library would send) and reads until the server closes. */
export function sendRaw(port: number, bytes: Buffer): Promise<SentRaw> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    let reset = false;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => (reset = true));
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('latin1');
      resolve({ statusLine: answer.startsWith('HTTP/') ? answer.slice(0, answer.indexOf('\r\n')) : undefined, reset });
    });
  });
}
