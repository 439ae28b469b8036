// A client that asks for a large answer and stops reading after its first
// bytes, then reads on when told: what the slow-reader test and the soak
// put a server through.
import { connect } from 'node:net';

/** book-api's largest answer: 100,000 books, about 5.7 MB of JSON (the network wiring's public route). */
export const LARGE_ANSWER = '/api/week?count=100000';

export interface SlowReader {
  /** Resolves once the answer has begun; the reader then stops reading. */
  begun: Promise<void>;
  /** Reads on, to the end: every byte received, and whether the connection was reset. */
  readOn: () => Promise<{ bytes: Buffer; reset: boolean }>;
}

export function slowReader(port: number): SlowReader {
  const socket = connect(port, '127.0.0.1', () =>
    socket.write(`GET ${LARGE_ANSWER} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n`),
  );
  const chunks: Buffer[] = [];
  let reset = false;
  socket.on('error', () => (reset = true));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const begun = new Promise<void>((resolve) =>
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      chunks.push(chunk);
      socket.on('data', (more: Buffer) => chunks.push(more));
      resolve();
    }),
  );
  return {
    begun,
    readOn: async () => {
      socket.resume();
      await closed;
      return { bytes: Buffer.concat(chunks), reset };
    },
  };
}
