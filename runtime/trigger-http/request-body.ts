// A request's body as the guest reads it: pulled from the connection a piece
// at a time, so that a body no guest reads is never held in memory (Node
// discards what is left once the response is written).
import type { IncomingMessage } from 'node:http';

/** Whether the request says it carries a body (HTTP/1.1: a length above zero, or chunks). */
export function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/** The next bytes of `request`'s body, at most `max`; undefined at its end, or when the client has gone. */
export async function pullBody(request: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  for (;;) {
    const chunk = request.read() as Buffer | null;
    if (chunk) {
      if (chunk.length <= max) return chunk;
      request.unshift(chunk.subarray(max));
      return chunk.subarray(0, max);
    }
    if (request.readableEnded || request.destroyed) return undefined;
    await new Promise<void>((resolve) => {
      const settle = (): void => {
        for (const event of ['readable', 'end', 'close']) request.off(event, settle);
        resolve();
      };
      for (const event of ['readable', 'end', 'close']) request.once(event, settle);
    });
  }
}
