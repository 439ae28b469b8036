// A worker thread of the runtime: it instantiates and runs components, one
// request at a time, and makes the next instances while it waits for work.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Component } from './component.js';
import { Engine, type EngineComponent } from './engine.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';
import type { HttpRequest, OutboundResult } from './wasi/http.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('runtime/worker.ts runs as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const signal = new Int32Array(init.signal);

/** Blocks this thread (and the guest waiting in it) until the main thread has sent the request. */
function sendThroughMainThread(request: HttpRequest): OutboundResult {
  Atomics.store(signal, 0, 0);
  post({ type: 'outbound', request });
  for (;;) {
    Atomics.wait(signal, 0, 0);
    const reply = receiveMessageOnPort(init.replies);
    if (reply) return reply.message as OutboundResult;
  }
}

const components = new Map<string, EngineComponent>();
for (const { spec, compiled } of init.components) {
  components.set(spec.id, { spec, component: await Component.fromCompiled(compiled) });
}
const engine = new Engine(components, {
  network: sendThroughMainThread,
  log: (line) => post({ type: 'log', line }),
  stdio: (component, stream) => (bytes) => post({ type: 'stdio', component, stream, bytes }),
});

const prepareAll = (): void => {
  for (const id of components.keys()) engine.prepare(id);
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'stats') {
    post({ type: 'stats', instances: engine.instances });
    return;
  }
  const response = engine.handle(message.component, message.request);
  post({ type: 'response', response });
  prepareAll();
});

prepareAll();
post({ type: 'ready' });
