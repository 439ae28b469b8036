// A worker thread of the runtime: it instantiates and runs components, a
// WASI 0.2 request at a time or WASI 0.3 requests side by side, and makes
// the next WASI 0.2 instances while it waits for work.
import { parentPort, workerData } from 'node:worker_threads';
import { AsyncComponent } from '../component/async-component.js';
import { Component } from '../component/component.js';
import type { StoreReply } from '../key-value/operations.js';
import { WorkerStores } from '../key-value/worker-stores.js';
import type { HttpRequest, HttpResponse, OutboundResult } from '../wasi/http.js';
import type { AsyncBody } from '../wasi/http-p3.js';
import type { ByteSource } from '../wasi/io.js';
import { Engine, type Runnable } from './engine.js';
import { InstanceCounter } from './limits.js';
import type { BodyChunk, FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { asFromSocket, selfRoute } from './self-requests.js';
import { callMainThread } from './waiting-guests.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('runtime/executor/worker.ts runs as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const signal = new Int32Array(init.signal);
const ask = (message: FromWorker): unknown => callMainThread(signal, init.replies, () => post(message));

/** How much of a request body to ask the main thread for at once, whatever the guest reads at a time. */
const BODY_PULL = 256 * 1024;

/** The body of WASI 0.2 request `id`, pulled from the main thread as the guest reads it; the thread waits. */
function streamedBody(id: number): ByteSource {
  let held: Uint8Array = new Uint8Array();
  return {
    pull(max) {
      if (held.length === 0) {
        const { chunk } = ask({ type: 'body', id, max: BODY_PULL }) as BodyChunk;
        if (chunk === undefined) return undefined;
        held = chunk;
      }
      const piece = held.subarray(0, max);
      held = held.subarray(piece.length);
      return piece;
    },
  };
}

/** WASI 0.3 requests waiting for more of their body, by id. */
const bodyWaiters = new Map<number, (chunk: BodyChunk) => void>();
/** WASI 0.3 guests' requests that left the process, waiting for their answer, by id. */
const fetches = new Map<number, (result: OutboundResult) => void>();
let nextFetch = 0;

/** Asks the main thread to send a WASI 0.3 guest's request; the guest awaits the answer, the thread goes on. */
const fetchOnMain = (request: HttpRequest): Promise<OutboundResult> =>
  new Promise((resolve) => {
    const id = nextFetch++;
    fetches.set(id, resolve);
    post({ type: 'fetch', id, request });
  });

/** The body of WASI 0.3 request `id`, asked of the main thread as the guest reads it; the guest waits, not the thread. */
function asyncBody(id: number): AsyncBody {
  return (max) =>
    new Promise<BodyChunk>((resolve) => {
      bodyWaiters.set(id, resolve);
      post({ type: 'body', id, max });
    }).then(({ chunk }) => chunk);
}

const components = new Map<string, Runnable>();
for (const { config, compiled } of init.components) {
  const component =
    compiled.wasi === '0.3'
      ? await AsyncComponent.fromCompiled(compiled)
      : await Component.fromCompiled(compiled, init.limits.maxInstanceMemory);
  components.set(config.id, { config, component });
}
const stores = new WorkerStores(init.stores, (request) => ask({ type: 'key-value', request }) as StoreReply);
const toSelf = selfRoute(init.self);
const engine: Engine = new Engine(components, {
  network: (request) => {
    const to = toSelf(request);
    if (!to) return ask({ type: 'outbound', request }) as OutboundResult;
    return 'answer' in to ? to.answer : asFromSocket(engine.chained(to.component, to.request));
  },
  networkAsync: async (request) => {
    const to = toSelf(request);
    if (!to) return fetchOnMain(request);
    return 'answer' in to ? to.answer : asFromSocket(await engine.chainedAsync(to.component, to.request));
  },
  stores: (label) => stores.open(label),
  log: (line) => post({ type: 'log', line }),
  stdio: (component, stream) => (bytes) => post({ type: 'stdio', component, stream, bytes }),
  instances: new InstanceCounter(init.instances, init.limits.maxInstances),
  maxChainDepth: init.limits.maxChainDepth,
  reuse: init.limits.reuse,
  elsewhere: (component, request) => ask({ type: 'chain', component, request }) as OutboundResult,
});

const prepareAll = (): void => {
  for (const id of components.keys()) engine.prepare(id);
};

const answered = (id: number, response: HttpResponse): void => {
  post({ type: 'response', id, response });
  post({ type: 'stats', instances: engine.instances });
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'body') {
    bodyWaiters.get(message.id)?.(message);
    bodyWaiters.delete(message.id);
    return;
  }
  if (message.type === 'fetched') {
    fetches.get(message.id)?.(message.result);
    fetches.delete(message.id);
    return;
  }
  const { id, component, request, streamedBody: streamed } = message;
  if (engine.isAsync(component)) {
    const body = streamed ? asyncBody(id) : request.body;
    void engine.serveAsync(component, { ...request, body }).then((response) => answered(id, response));
    return;
  }
  const response = engine.serve(component, streamed ? { ...request, body: streamedBody(id) } : request);
  prepareAll();
  answered(id, response);
});

prepareAll();
post({ type: 'ready', instances: engine.instances });
