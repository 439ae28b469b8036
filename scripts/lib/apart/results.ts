// The apart benchmark's numbers: what one round records, and what a run
// writes to results.json.
import type { LoadResult } from '../bench/load.js';
import type { Results, RuntimeVersion } from '../bench/results.js';
import type { HopProbe } from './hop.js';
import type { ApartPlan, Subject } from './plan.js';
import type { Topology } from './topology.js';

export interface ApartSample extends LoadResult, Subject {
  path: string;
  /** Clients in the closed loop. */
  clients: number;
  round: number;
  /** CPU time of the app's processes (both pods, apart) during the round, per request served. */
  cpuMsPerRequest: number;
  /** The proxy's, apart: what the network costs, not the app. */
  proxyCpuMsPerRequest?: number;
  /** Connections the frontend opened to book-api, apart, per request served. */
  connectionsPerRequest?: number;
}

export interface ApartResults {
  date: string;
  command: string;
  plan: string;
  topology: Pick<Topology, 'kind' | 'reason'>;
  runtimes: RuntimeVersion[];
  machine: Results['machine'];
  clients: ApartPlan['clients'];
  seconds: number;
  rounds: number;
  hop: HopProbe[];
  /** Each layout's start, to the first healthy answer of its last part. */
  startup: (Subject & { ms: number })[];
  samples: ApartSample[];
}
