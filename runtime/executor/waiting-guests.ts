// Guests that wait on a request leaving the process, and what keeps the
// `network` wiring (the frontend calling book-api through this very server)
// from waiting on itself. All of it lives here:
//
// 1. A guest's outbound call is synchronous, so its worker thread blocks:
//    `waitForOutbound` posts the request to the main thread and sleeps on an
//    Atomics slot until `answerOutbound` has posted the result back.
// 2. While it blocks, the worker holds no core but also serves nothing, so
//    the pool (pool.ts) starts another worker when every worker is busy and
//    some of them wait like this.
// 3. The request a waiting guest sent may come back in through our own
//    server; `GuestConnections` knows the local ports of those connections,
//    so that the server queues such requests first: the guest waiting on
//    them holds a worker.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Socket } from 'node:net';
import type { HttpRequest, OutboundResult } from '../wasi/http.js';

/** Worker side: blocks this thread (and the guest waiting in it) until the main thread has sent the request. */
export function waitForOutbound(
  request: HttpRequest,
  signal: Int32Array,
  replies: MessagePort,
  post: (request: HttpRequest) => void,
): OutboundResult {
  Atomics.store(signal, 0, 0);
  post(request);
  for (;;) {
    Atomics.wait(signal, 0, 0);
    const reply = receiveMessageOnPort(replies);
    if (reply) return reply.message as OutboundResult;
  }
}

/** Main side: hands the result to the worker blocked in `waitForOutbound`. */
export function answerOutbound(result: OutboundResult, signal: Int32Array, replies: MessagePort): void {
  replies.postMessage(result);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** The local ports of the connections guests' requests go out on, while they are open. */
export class GuestConnections {
  private readonly ports = new Set<number>();

  /** Remembers the socket a guest's request goes out on, once it is connected. */
  track(socket: Socket): void {
    const remember = (): void => {
      const port = socket.localPort;
      if (port === undefined) return;
      this.ports.add(port);
      socket.once('close', () => this.ports.delete(port));
    };
    if (socket.localPort === undefined) socket.once('connect', remember);
    else remember();
  }

  /** Whether a connection the server accepted, from `remotePort`, is one a guest's request went out on. */
  has(remotePort: number | undefined): boolean {
    return remotePort !== undefined && this.ports.has(remotePort);
  }
}
