// The messages between the main thread and the worker threads that run the
// components. A worker serves one WASI 0.2 request at a time, or several
// WASI 0.3 ones at once; each carries an id. When a WASI 0.2 guest needs
// something only the main thread has (the answer to a request that left the
// process, more of the request body, a call of a store the main thread
// keeps, or a chained request to a WASI 0.3 component), the worker blocks on
// `signal` until the main thread has posted it on `replies`
// (waiting-guests.ts); a WASI 0.3 guest's calls of stores do the same. More
// of a WASI 0.3 request's body comes as a message: its guest waits, not
// its thread.
import type { MessagePort } from 'node:worker_threads';
import type { CompiledComponent } from '../component/compile.js';
import type { StoreConfigs } from '../key-value/config.js';
import type { StoreReply, StoreRequest } from '../key-value/operations.js';
import type { AppComponent } from '../manifest/app.js';
import type { HttpRequest, HttpResponse, OutboundResult } from '../wasi/http.js';
import type { InstanceSlots, Limits } from './limits.js';
import type { SelfAddress } from './self-requests.js';

export interface WorkerInit {
  components: { config: AppComponent; compiled: CompiledComponent }[];
  /** Where requests to the app's own address go, served in the worker (self-requests.ts). */
  self: SelfAddress;
  /** Int32 slot 0: set to 1 by the main thread when a reply waits on `replies`. */
  signal: SharedArrayBuffer;
  replies: MessagePort;
  limits: Limits;
  /** Where this worker counts its instances, against the app's `limits.maxInstances`. */
  instances: InstanceSlots;
  /** The app's key-value stores by label. */
  stores: StoreConfigs;
}

/** `streamedBody`: the request's body is pulled from the main thread as the guest reads it. */
export type ToWorker =
  | { type: 'request'; id: number; component: string; request: HttpRequest; streamedBody: boolean }
  | ({ type: 'body'; id: number } & BodyChunk)
  | { type: 'fetched'; id: number; result: OutboundResult };

export type FromWorker =
  | { type: 'ready'; instances: InstanceCounts }
  | { type: 'response'; id: number; response: HttpResponse }
  | { type: 'outbound'; request: HttpRequest }
  /** A WASI 0.3 guest's request that leaves the process; the answer comes as `fetched`. */
  | { type: 'fetch'; id: number; request: HttpRequest }
  | { type: 'chain'; component: string; request: HttpRequest }
  | { type: 'body'; id: number; max: number }
  | { type: 'key-value'; request: StoreRequest }
  | { type: 'log'; line: string }
  | { type: 'stdio'; component: string; stream: 'stdout' | 'stderr'; bytes: Uint8Array }
  | { type: 'stats'; instances: InstanceCounts };

/** What the main thread replies to a worker that blocked on it. */
export type Reply = OutboundResult | BodyChunk | StoreReply;

/** The next bytes of a request body; none at its end. */
export interface BodyChunk {
  chunk?: Uint8Array;
}

/** Component instances in one worker. */
export interface InstanceCounts {
  /** Serving a request. */
  live: number;
  /** Made ahead of the next request. */
  prepared: number;
}
