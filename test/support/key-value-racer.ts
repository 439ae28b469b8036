// One racer of test/key-value.test.ts, in a worker thread of its own with a
// connection of its own to the store's file, as each of the runtime's
// workers has. Every racer waits at the gate until all are there, then
// increments the counter `count` times, or swaps the value it read for its
// own, and posts what came of it.
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from '../../runtime/key-value/spin/sqlite-store.js';

export interface Race {
  file: string;
  job: { kind: 'increment'; count: number } | { kind: 'swap'; value: string };
  /** Int32 slot 0: how many racers are at the gate; they go once it is `racers`. */
  gate: SharedArrayBuffer;
  racers: number;
}

const { file, job, gate, racers } = workerData as Race;
const store = new SqliteStore(file, 'default');
const seen = store.get('key');

const arrived = new Int32Array(gate);
Atomics.add(arrived, 0, 1);
Atomics.notify(arrived, 0);
for (let now = Atomics.load(arrived, 0); now < racers; now = Atomics.load(arrived, 0)) Atomics.wait(arrived, 0, now);

if (job.kind === 'increment') {
  let last = 0n;
  for (let i = 0; i < job.count; i++) last = store.increment('counter', 1n);
  parentPort?.postMessage(last);
} else {
  parentPort?.postMessage(store.swap('key', seen, new TextEncoder().encode(job.value)));
}
store.close();
