// The worker threads that run components, seen from the main thread. Requests
// queue until a worker is free (request-queue.ts says which goes next): a WASI 0.2 request takes a worker to itself,
// while WASI 0.3 requests share one, as their guests wait without holding
// its thread. A WASI 0.3 request goes first where its component already
// serves with room (--max-instance-concurrent-reuse-count), so that it
// shares an instance as on Spin, where an instance also runs on one thread
// at a time. A worker whose guest waits on the main
// thread is not using its core, so when every worker is busy and some are
// waiting like that, the pool starts another, up to a limit, and retires it
// once it has been idle a while (waiting-guests.ts says why). A request
// abandoned while it runs (its client left, or its deadline passed) soon
// costs nothing further: a guest cannot be interrupted inside its thread, so
// if it has not finished within a moment its worker is stopped and another
// takes its place. (Most abandoned requests, such as those a load generator
// leaves when it stops, finish within that moment and keep their worker.)
// A worker that served and then sat idle is renewed, so that what a load
// left in it is given back.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { StoreConfigs } from '../key-value/config.js';
import type { StoreReply, StoreRequest } from '../key-value/operations.js';
import type { HttpRequest, HttpResponse, OutboundResult } from '../wasi/http.js';
import { InstanceCounter, instanceBuffer, type Limits } from './limits.js';
import { RequestQueue } from './request-queue.js';
import { atOnce } from './reuse.js';
import type { FromWorker, InstanceCounts, ToWorker, WorkerInit } from './protocol.js';
import type { SelfAddress } from './self-requests.js';
import { answerWorker } from './waiting-guests.js';
import { workerScript } from './worker-script.js';

export interface PoolOptions {
  /** Workers kept at all times: one per core by default. */
  size: number;
  /** The most workers there may be, counting those started for waiting ones. */
  max: number;
  /** How long a worker may sit idle before it is retired (beyond `size`) or renewed (if it has served). */
  idleMs: number;
  limits: Limits;
  network: (request: HttpRequest) => Promise<OutboundResult>;
  /** The app's key-value stores, and the calls of those the main thread keeps. */
  stores: StoreConfigs;
  keyValue: (request: StoreRequest) => Promise<StoreReply>;
  log: (line: string) => void;
  stdio: (component: string, stream: 'stdout' | 'stderr', bytes: Uint8Array) => void;
}

export interface Dispatch {
  /** A guest is waiting for this one: it goes ahead of the rest. */
  urgent?: boolean;
  /** Where the request's body comes from, as the guest reads it; without it, `request.body` is the whole body. */
  body?: (max: number) => Promise<Uint8Array | undefined>;
  /** Aborted when the request is abandoned: queued, it is dropped; running, its worker is stopped. */
  signal?: AbortSignal;
}

interface Job extends Dispatch {
  id: number;
  component: string;
  /** A WASI 0.3 component's: it may share its worker with others like it. */
  shares: boolean;
  /** Its client left or its deadline passed. */
  abandoned?: boolean;
  request: HttpRequest;
  resolve: (response: HttpResponse) => void;
}

interface Slot {
  worker: Worker;
  /** Where in `instances` this worker counts its own. */
  counter: number;
  /** The requests it is serving, by id. */
  jobs: Map<number, Job>;
  /** Waiting on the main thread: an outbound request, or more of a request body. */
  waiting: boolean;
  signal: Int32Array;
  replies: MessagePort;
  /** As the worker last said, after its latest request. */
  instances: InstanceCounts;
  /** Stopped on purpose (retired, renewed, or its request abandoned): not a failure. */
  stopping?: 'retired' | 'renewed' | 'abandoned';
  /** Requests served since it started. */
  served: number;
  idleTimer?: NodeJS.Timeout;
}

/** How long an abandoned request may still finish before its worker is stopped. */
const ABANDONED_GRACE_MS = 500;

/** The most WASI 0.3 requests one worker serves at once: beyond it, a request waits for another worker. */
const WASI_03_PER_WORKER = 64;

/** What a request gets when it was abandoned, or when the worker running it died. */
const NO_ANSWER: HttpResponse = { status: 500, headers: [], body: new Uint8Array() };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue = new RequestQueue<Job>();
  /** Instances alive, app-wide and per worker (limits.ts). */
  private readonly instances: SharedArrayBuffer;
  private readonly freeCounters: number[];
  private starting = 0;
  private closing = false;
  private self: SelfAddress = { routes: [], authorities: [] };
  private script?: URL;
  private nextJob = 0;
  /** The WASI 0.3 components, whose requests share workers. */
  private readonly sharing: ReadonlySet<string>;

  constructor(
    private readonly components: WorkerInit['components'],
    private readonly options: PoolOptions,
  ) {
    this.instances = instanceBuffer(options.max);
    this.freeCounters = Array.from({ length: options.max }, (_, i) => options.max - i);
    this.sharing = new Set(components.filter(({ compiled }) => compiled.wasi === '0.3').map(({ config }) => config.id));
  }

  /** Starts the workers, once the app's own address is known. */
  async start(self: SelfAddress): Promise<void> {
    this.self = self;
    this.script = await workerScript();
    await Promise.all(Array.from({ length: this.options.size }, () => this.spawn()));
  }

  /** Serves `request` with `component` on a worker; an abandoned request resolves to an empty 500. */
  dispatch(component: string, request: HttpRequest, options: Dispatch = {}): Promise<HttpResponse> {
    return new Promise((resolve) => {
      const job: Job = { ...options, id: this.nextJob++, component, shares: this.sharing.has(component), request, resolve };
      if (options.signal?.aborted) return resolve(NO_ANSWER);
      options.signal?.addEventListener('abort', () => this.abandon(job), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  /** Workers, and their instances as each last reported; answered at once, whatever the workers are doing. */
  stats(): { workers: number; busy: number; instances: InstanceCounts } {
    const busy = this.slots.filter((slot) => slot.jobs.size > 0).length;
    const live = this.slots.reduce((sum, slot) => sum + slot.jobs.size, 0);
    const prepared = this.slots.reduce((sum, slot) => sum + slot.instances.prepared, 0);
    return { workers: this.slots.length, busy, instances: { live, prepared } };
  }

  private abandon(job: Job): void {
    job.abandoned = true;
    if (this.queue.remove(job)) {
      job.resolve(NO_ANSWER);
      return;
    }
    setTimeout(() => {
      const slot = this.slots.find((s) => s.jobs.get(job.id) === job);
      if (slot) this.stop(slot, 'abandoned');
    }, ABANDONED_GRACE_MS).unref();
  }

  private stop(slot: Slot, why: NonNullable<Slot['stopping']>): void {
    slot.stopping = why;
    clearTimeout(slot.idleTimer);
    void slot.worker.terminate();
  }

  /**
   * The worker for `job`. A WASI 0.2 request: an idle one. A WASI 0.3
   * request: one where its component serves with room on an instance, else
   * an idle one, else the least busy of those serving WASI 0.3 requests only.
   */
  private slotFor(job: Job): Slot | undefined {
    const open = this.slots.filter((slot) => !slot.stopping);
    const idle = open.find((slot) => slot.jobs.size === 0);
    if (!job.shares) return idle;
    const sharing = open.filter(
      (slot) => slot.jobs.size > 0 && slot.jobs.size < WASI_03_PER_WORKER && [...slot.jobs.values()].every((other) => other.shares),
    );
    const alike = (slot: Slot): number => [...slot.jobs.values()].filter((other) => other.component === job.component).length;
    const withRoom = sharing.find((slot) => alike(slot) > 0 && alike(slot) < atOnce(this.options.limits.reuse));
    return withRoom ?? idle ?? sharing.sort((a, b) => a.jobs.size - b.jobs.size)[0];
  }

  private pump(): void {
    for (let job = this.queue.next(); job; job = this.queue.next()) {
      const slot = this.slotFor(job);
      if (!slot) break;
      this.queue.take(job);
      slot.jobs.set(job.id, job);
      clearTimeout(slot.idleTimer);
      slot.idleTimer = undefined;
      slot.worker.postMessage({
        type: 'request',
        id: job.id,
        component: job.component,
        request: job.request,
        streamedBody: job.body !== undefined,
      } satisfies ToWorker);
    }
    // Start another worker while a guest waits and none is free, before a request needs it:
    // starting one takes a few hundred milliseconds.
    const waiting = this.slots.filter((slot) => slot.waiting).length;
    const idle = this.slots.filter((slot) => slot.jobs.size === 0 && !slot.stopping).length;
    if (waiting > 0 && idle === 0 && this.starting === 0 && this.slots.length < this.options.max) {
      this.spawn().catch((error: unknown) => this.options.log(`could not start another worker: ${String(error)}`));
    }
    this.retireWhenIdle();
  }

  /**
   * A worker idle for `idleMs` is retired if it is beyond `size`; if it has
   * served since it started, it is renewed: a fresh one takes its place, and
   * whatever its load left behind (heap, code, pooled memories) goes with it.
   */
  private retireWhenIdle(): void {
    for (const slot of this.slots) {
      if (slot.jobs.size > 0 || slot.stopping || slot.idleTimer || (slot.served === 0 && this.slots.length <= this.options.size)) {
        continue;
      }
      slot.idleTimer = setTimeout(() => {
        slot.idleTimer = undefined;
        if (slot.jobs.size > 0 || slot.stopping) return;
        if (this.slots.length > this.options.size) return this.stop(slot, 'retired');
        if (slot.served === 0) return;
        this.spawn().then(
          () => (slot.jobs.size > 0 ? undefined : this.stop(slot, 'renewed')),
          (error: unknown) => this.options.log(`could not renew a worker: ${String(error)}`),
        );
      }, this.options.idleMs);
      slot.idleTimer.unref();
    }
  }

  private spawn(): Promise<void> {
    this.starting++;
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const counter = this.freeCounters.pop();
    if (!this.script || counter === undefined) throw new Error('the pool starts workers only after start(), and at most max');
    const init: WorkerInit = {
      components: this.components,
      self: this.self,
      signal,
      replies: port2,
      limits: this.options.limits,
      instances: { buffer: this.instances, slot: counter },
      stores: this.options.stores,
    };
    const worker = new Worker(this.script, { workerData: init, transferList: [port2] });
    const slot: Slot = {
      worker,
      counter,
      jobs: new Map(),
      waiting: false,
      served: 0,
      signal: new Int32Array(signal),
      replies: port1,
      instances: { live: 0, prepared: 0 },
    };
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          ready = true;
          this.starting--;
          slot.instances = message.instances;
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
        const job = slot.jobs.get(message.id);
        slot.jobs.delete(message.id);
        slot.served++;
        job?.resolve(message.response);
        this.pump();
        break;
      }
      case 'outbound':
        // A guest waiting on the network may be waiting on this very server: it counts as waiting.
        this.whileWaiting(slot, this.options.network(message.request), true);
        break;
      case 'fetch':
        void this.options
          .network(message.request)
          .then((result) => slot.worker.postMessage({ type: 'fetched', id: message.id, result } satisfies ToWorker));
        break;
      case 'chain':
        // The WASI 0.2 guest that sent it holds its worker until the answer comes: it counts as waiting.
        this.whileWaiting(
          slot,
          this.dispatch(message.component, message.request, { urgent: true }).then((response) => ({ ok: true, response })),
          true,
        );
        break;
      case 'body': {
        const job = slot.jobs.get(message.id);
        const chunk = (job?.body?.(message.max) ?? Promise.resolve(undefined)).then((chunk) => ({ chunk }));
        if (!job?.shares) this.whileWaiting(slot, chunk, false);
        else void chunk.then((reply) => slot.worker.postMessage({ type: 'body', id: message.id, ...reply } satisfies ToWorker));
        break;
      }
      case 'key-value':
        this.whileWaiting(slot, this.options.keyValue(message.request), false);
        break;
      case 'log':
        this.options.log(message.line);
        break;
      case 'stdio':
        this.options.stdio(message.component, message.stream, message.bytes);
        break;
      case 'stats':
        slot.instances = message.instances;
        break;
      case 'ready':
        break;
    }
  }

  /** The worker blocks until `reply` settles; if `counts`, it meanwhile counts as waiting, so that a spare may start. */
  private whileWaiting(slot: Slot, reply: Promise<Parameters<typeof answerWorker>[0]>, counts: boolean): void {
    if (counts) {
      slot.waiting = true;
      this.pump();
    }
    void reply.then((answer) => {
      slot.waiting = false;
      answerWorker(answer, slot.signal, slot.replies);
    });
  }

  /** A worker that stops fails its request, unless it was stopped on purpose; the pool keeps `size` workers. */
  private onExit(slot: Slot, wasReady: boolean): void {
    clearTimeout(slot.idleTimer);
    // A worker stopped mid-request could not give back the instances it held.
    InstanceCounter.forget(this.instances, slot.counter);
    this.freeCounters.push(slot.counter);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    for (const job of slot.jobs.values()) {
      if (!job.abandoned) {
        this.options.log(`a worker stopped while ${job.component} handled ${job.request.method} ${job.request.pathWithQuery}`);
      }
      job.resolve(NO_ANSWER);
    }
    if (wasReady && !this.closing && this.slots.length + this.starting < this.options.size) {
      this.spawn().catch((error: unknown) => this.options.log(`could not replace a worker: ${String(error)}`));
    }
    this.pump();
  }
}
