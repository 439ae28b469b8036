// A worker thread of the runtime: it instantiates and runs components, one
// request at a time, and makes the next instances while it waits for work.
import { parentPort, workerData } from 'node:worker_threads';
import { Component } from '../component/component.js';
import type { StoreReply } from '../key-value/operations.js';
import { WorkerStores } from '../key-value/worker-stores.js';
import type { IncomingHttpRequest, OutboundResult } from '../wasi/http.js';
import type { ByteSource } from '../wasi/io.js';
import { Engine, type Runnable } from './engine.js';
import { InstanceCounter } from './limits.js';
import type { BodyChunk, FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { selfRequests } from './self-requests.js';
import { callMainThread } from './waiting-guests.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('runtime/executor/worker.ts runs as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const signal = new Int32Array(init.signal);
const ask = (message: FromWorker): unknown => callMainThread(signal, init.replies, () => post(message));

/** How much of a request body to ask the main thread for at once, whatever the guest reads at a time. */
const BODY_PULL = 256 * 1024;

/** The body of the request being served, pulled from the main thread as the guest reads it. */
function streamedBody(): ByteSource {
  let held: Uint8Array = new Uint8Array();
  return {
    pull(max) {
      if (held.length === 0) {
        const { chunk } = ask({ type: 'body', max: BODY_PULL }) as BodyChunk;
        if (chunk === undefined) return undefined;
        held = chunk;
      }
      const piece = held.subarray(0, max);
      held = held.subarray(piece.length);
      return piece;
    },
  };
}

const components = new Map<string, Runnable>();
for (const { config, compiled } of init.components) {
  components.set(config.id, { config, component: await Component.fromCompiled(compiled, init.limits.maxInstanceMemory) });
}
const stores = new WorkerStores(init.stores, (request) => ask({ type: 'key-value', request }) as StoreReply);
const self = selfRequests(init.self, (component, request) => engine.chained(component, request));
const engine: Engine = new Engine(components, {
  network: (request) => self(request) ?? (ask({ type: 'outbound', request }) as OutboundResult),
  stores: (label) => stores.open(label),
  log: (line) => post({ type: 'log', line }),
  stdio: (component, stream) => (bytes) => post({ type: 'stdio', component, stream, bytes }),
  instances: new InstanceCounter(init.instances, init.limits.maxInstances),
  maxChainDepth: init.limits.maxChainDepth,
});

const prepareAll = (): void => {
  for (const id of components.keys()) engine.prepare(id);
};

port.on('message', (message: ToWorker) => {
  const request: IncomingHttpRequest = message.streamedBody ? { ...message.request, body: streamedBody() } : message.request;
  post({ type: 'response', response: engine.serve(message.component, request) });
  prepareAll();
  post({ type: 'stats', instances: engine.instances });
});

prepareAll();
post({ type: 'ready', instances: engine.instances });
