// The worker threads that run components, seen from the main thread. Requests
// queue until a worker is free. A worker whose guest waits on a request that
// left the process is not using its core, so when every worker is busy and
// some are waiting like that, the pool starts another, up to a limit
// (waiting-guests.ts says why).
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { HttpRequest, HttpResponse, OutboundResult } from '../wasi/http.js';
import type { FromWorker, InstanceCounts, ToWorker, WorkerInit } from './protocol.js';
import { answerOutbound } from './waiting-guests.js';

export interface PoolOptions {
  /** Workers started at once: one per core by default. */
  size: number;
  /** The most workers there may be, counting those started for waiting ones. */
  max: number;
  network: (request: HttpRequest) => Promise<OutboundResult>;
  log: (line: string) => void;
  stdio: (component: string, stream: 'stdout' | 'stderr', bytes: Uint8Array) => void;
}

interface Job {
  component: string;
  request: HttpRequest;
  resolve: (response: HttpResponse) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** Waiting on an outbound request the main thread is making for it. */
  waiting: boolean;
  signal: Int32Array;
  replies: MessagePort;
  /** Answers to `stats` requests, in order. */
  statsWaiters: ((counts: InstanceCounts) => void)[];
}

const WORKER = new URL('./worker-entry.mjs', import.meta.url);

/** What a request gets when the worker running it died. */
const WORKER_FAILED: HttpResponse = { status: 500, headers: [], body: new Uint8Array() };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private starting = 0;
  private closing = false;

  constructor(
    private readonly components: WorkerInit['components'],
    private readonly options: PoolOptions,
  ) {}

  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.size }, () => this.spawn()));
  }

  /** Queues a request; an `urgent` one (a guest is waiting for it) goes ahead of the rest. */
  dispatch(component: string, request: HttpRequest, urgent = false): Promise<HttpResponse> {
    return new Promise((resolve) => {
      const job = { component, request, resolve };
      if (urgent) this.queue.unshift(job);
      else this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** Workers and their component instances, summed. A worker busy with a request answers when it is done. */
  async stats(): Promise<{ workers: number; instances: InstanceCounts }> {
    const counts = await Promise.all(
      this.slots.map(
        (slot) =>
          new Promise<InstanceCounts>((resolve) => {
            slot.statsWaiters.push(resolve);
            slot.worker.postMessage({ type: 'stats' } satisfies ToWorker);
          }),
      ),
    );
    return {
      workers: this.slots.length,
      instances: counts.reduce((sum, c) => ({ live: sum.live + c.live, prepared: sum.prepared + c.prepared }), { live: 0, prepared: 0 }),
    };
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.postMessage({ type: 'request', component: job.component, request: job.request } satisfies ToWorker);
    }
    // Start another worker while a guest waits and none is free, before a request needs it:
    // starting one takes a few hundred milliseconds.
    const waiting = this.slots.filter((slot) => slot.waiting).length;
    const idle = this.slots.filter((slot) => !slot.job).length;
    if (waiting > 0 && idle === 0 && this.starting === 0 && this.slots.length < this.options.max) {
      this.spawn().catch((error: unknown) => this.options.log(`could not start another worker: ${String(error)}`));
    }
  }

  private spawn(): Promise<void> {
    this.starting++;
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const init: WorkerInit = { components: this.components, signal, replies: port2 };
    const worker = new Worker(WORKER, { workerData: init, transferList: [port2] });
    const slot: Slot = { worker, waiting: false, signal: new Int32Array(signal), replies: port1, statsWaiters: [] };
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          ready = true;
          this.starting--;
          this.slots.push(slot);
          resolve();
          this.pump();
        } else {
          this.onMessage(slot, message);
        }
      });
      worker.on('error', (error) => {
        if (!ready) {
          this.starting--;
          reject(error);
        } else {
          this.options.log(`a worker failed: ${error.stack ?? String(error)}`);
        }
      });
      worker.on('exit', () => this.onExit(slot, ready));
    });
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'response': {
        const job = slot.job;
        slot.job = undefined;
        job?.resolve(message.response);
        this.pump();
        break;
      }
      case 'outbound':
        slot.waiting = true;
        this.pump();
        void this.options.network(message.request).then((result) => {
          slot.waiting = false;
          answerOutbound(result, slot.signal, slot.replies);
        });
        break;
      case 'log':
        this.options.log(message.line);
        break;
      case 'stdio':
        this.options.stdio(message.component, message.stream, message.bytes);
        break;
      case 'stats':
        slot.statsWaiters.shift()?.(message.instances);
        break;
      case 'ready':
        break;
    }
  }

  /** A worker that dies fails its request, and another takes its place. */
  private onExit(slot: Slot, wasReady: boolean): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    if (slot.job) {
      this.options.log(`a worker stopped while ${slot.job.component} handled ${slot.job.request.method} ${slot.job.request.pathWithQuery}`);
      slot.job.resolve(WORKER_FAILED);
    }
    if (wasReady && !this.closing) {
      this.spawn().catch((error: unknown) => this.options.log(`could not replace a worker: ${String(error)}`));
    }
  }
}
