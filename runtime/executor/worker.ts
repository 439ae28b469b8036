// A worker thread of the runtime: it instantiates and runs components, one
// request at a time, and makes the next instances while it waits for work.
import { parentPort, workerData } from 'node:worker_threads';
import { Component } from '../component/component.js';
import { Engine, type Runnable } from './engine.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { waitForOutbound } from './waiting-guests.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('runtime/executor/worker.ts runs as a worker thread');
const post = (message: FromWorker): void => port.postMessage(message);
const signal = new Int32Array(init.signal);

const components = new Map<string, Runnable>();
for (const { config, compiled } of init.components) {
  components.set(config.id, { config, component: await Component.fromCompiled(compiled) });
}
const engine = new Engine(components, {
  network: (request) => waitForOutbound(request, signal, init.replies, (outbound) => post({ type: 'outbound', request: outbound })),
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
  const response = engine.serve(message.component, message.request);
  post({ type: 'response', response });
  prepareAll();
});

prepareAll();
post({ type: 'ready' });
