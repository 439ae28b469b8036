// Guests that wait on the main thread, and what keeps the `network` wiring
// (the frontend calling book-api through this very server) from waiting on
// itself. All of it lives here:
//
// 1. A guest's calls are synchronous, so when it needs what only the main
//    thread has (the answer to a request that left the process, more of its
//    request body, or a call of a store kept there), its worker thread
//    blocks: `callMainThread` posts the question and sleeps on an Atomics
//    slot until `answerWorker` has posted the reply.
// 2. While it waits on the network, the worker holds no core but also
//    serves nothing, so the pool (pool.ts) starts another worker when every
//    worker is busy and some of them wait like this, and retires it once it
//    has been idle. (Waiting on a slow client's body starts none: that
//    client, not the app, is what is slow; nor does a store's call, which
//    the main thread answers at once.)
// 3. The request a waiting guest sent may come back in through our own
//    server; `GuestConnections` knows the local ports of those connections,
//    so that the server queues such requests first: the guest waiting on
//    them holds a worker.
import type { Socket } from 'node:net';
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import type { Reply } from './protocol.js';

/** Worker side: asks the main thread (`ask`) and blocks this thread, and the guest in it, until it replies. */
export function callMainThread(signal: Int32Array, replies: MessagePort, ask: () => void): Reply {
  Atomics.store(signal, 0, 0);
  ask();
  for (;;) {
    Atomics.wait(signal, 0, 0);
    const reply = receiveMessageOnPort(replies);
    if (reply) return reply.message as Reply;
  }
}

/** Main side: hands the reply to the worker blocked in `callMainThread`. */
export function answerWorker(reply: Reply, signal: Int32Array, replies: MessagePort): void {
  replies.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

/** The local ports of the connections guests' requests go out on, while they are open. */
export class GuestConnections {
  private readonly ports = new Set<number>();
  /** Kept-alive sockets carry many requests: each is watched once. */
  private readonly watched = new WeakSet<Socket>();

  /** Remembers the socket a guest's request goes out on, once it is connected. */
  track(socket: Socket): void {
    if (this.watched.has(socket)) return;
    this.watched.add(socket);
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
