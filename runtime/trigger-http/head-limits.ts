// The limits on a request's head, as Spin keeps them (its HTTP server is
// hyper 1, with hyper's defaults; each limit was probed on Spin 4.1.0-pre0):
// a request target longer than 65,534 bytes is answered 414, more than 100
// header fields or a head larger than hyper's read buffer 431, and anything
// unparseable 400. Each answer is empty, says `connection: close`, and the
// connection is closed once it has gone, after what the client still sends
// is read and dropped: closing with unread bytes would reset the connection,
// and the client could lose the answer.
import type { Socket } from 'node:net';
import type { HttpResponse } from '../wasi/http.js';

/** hyper's MAX_URI_LEN. */
export const MAX_TARGET_BYTES = 65_534;
/** hyper's DEFAULT_MAX_HEADERS. */
export const MAX_HEADER_FIELDS = 100;
/** hyper's DEFAULT_MAX_BUFFER_SIZE (8 KiB and 100 × 4 KiB): a head that does not fit it is refused. */
export const MAX_HEAD_BYTES = 8192 + 4096 * 100;
/** How long a refused client may go on sending before its connection is closed anyway. */
const LINGER_MS = 2000;

const refusal = (status: number): HttpResponse => ({ status, headers: [['connection', 'close']], body: new Uint8Array() });

/** Spin's answer to a head over its limits, or undefined when it is within them. */
export function headOverLimits(target: string, headerFields: number): HttpResponse | undefined {
  if (Buffer.byteLength(target) > MAX_TARGET_BYTES) return refusal(414);
  if (headerFields > MAX_HEADER_FIELDS) return refusal(431);
  return undefined;
}

const refused = new WeakSet<Socket>();

const REASONS: Record<number, string> = { 400: 'Bad Request', 431: 'Request Header Fields Too Large' };

/**
 * Node's parser gave up on a head (too large, or not HTTP): answers 431 or 400
 * as Spin does, then closes without a reset.
 */
export function refuseUnparsed(error: NodeJS.ErrnoException, socket: Socket): void {
  // Node's parser, once failed, fails again on each later chunk: the first answer stands.
  if (refused.has(socket)) return;
  refused.add(socket);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  lingerThenClose(socket);
}

/** Reads and drops what the client still sends, until it stops or LINGER_MS have passed. */
function lingerThenClose(socket: Socket): void {
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.on('data', () => {});
  socket.once('end', () => {
    clearTimeout(timer);
    socket.destroy();
  });
  socket.once('close', () => clearTimeout(timer));
  socket.resume();
}
