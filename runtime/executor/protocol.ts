// The messages between the main thread and the worker threads that run the
// components. A worker serves one request at a time; when its guest sends a
// request out of the process, the worker blocks on `signal` until the main
// thread has posted the result on `replies` (waiting-guests.ts).
import type { MessagePort } from 'node:worker_threads';
import type { CompiledComponent } from '../component/compile.js';
import type { AppComponent } from '../manifest/app.js';
import type { HttpRequest, HttpResponse } from '../wasi/http.js';

export interface WorkerInit {
  components: { config: AppComponent; compiled: CompiledComponent }[];
  /** Int32 slot 0: set to 1 by the main thread when an outbound result waits on `replies`. */
  signal: SharedArrayBuffer;
  replies: MessagePort;
}

export type ToWorker = { type: 'request'; component: string; request: HttpRequest } | { type: 'stats' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'response'; response: HttpResponse }
  | { type: 'outbound'; request: HttpRequest }
  | { type: 'log'; line: string }
  | { type: 'stdio'; component: string; stream: 'stdout' | 'stderr'; bytes: Uint8Array }
  | { type: 'stats'; instances: InstanceCounts };

/** Component instances in one worker. */
export interface InstanceCounts {
  /** Serving a request. */
  live: number;
  /** Made ahead of the next request. */
  prepared: number;
}
