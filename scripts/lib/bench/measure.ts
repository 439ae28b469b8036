// Load on the servers, round after round, each recorded as a Sample: requests
// and latency from autocannon, CPU and memory of the server's processes.
import { generateLoad, type Sent } from './load.js';
import { type RuntimeId, roundOrder, type Variant, variantName, variantOf } from './plan.js';
import { cpuSeconds, peakMemoryMiB, processTree } from './processes.js';
import type { Progress } from './progress.js';
import type { Sample } from './results.js';
import { serverOf, type Server } from './servers.js';

export interface Bench {
  servers: readonly Server[];
  /** In the order of the first round. */
  runtimes: readonly RuntimeId[];
  variants: readonly Variant[];
  progress: Progress;
}

export interface Load {
  path: string;
  connections: number;
  seconds: number;
  /** A write's method, headers and body; a GET when not given. */
  sent?: Sent;
}

async function sample(server: Server, load: Load, round: number): Promise<Sample> {
  const before = cpuSeconds(processTree(server.pid));
  const result = await generateLoad(`${server.url}${load.path}`, load.connections, load.seconds, load.sent);
  const tree = processTree(server.pid);
  const cpuMs = (cpuSeconds(tree) - before) * 1000;
  return {
    ...result,
    runtime: server.runtime,
    ...variantOf(server),
    round,
    cpuMsPerRequest: cpuMs / Math.max(result.requests, 1),
    peakMemoryMiB: peakMemoryMiB(tree),
  };
}

/** Load every server once, unrecorded, so that no round pays for a cold start. */
export async function warmUp(bench: Bench, load: Load): Promise<void> {
  for (const subject of roundOrder(bench.runtimes, bench.variants, 0)) {
    await generateLoad(`${serverOf(bench.servers, subject).url}${load.path}`, load.connections, load.seconds);
    bench.progress.step(`warm-up, ${variantName(subject)} on ${subject.runtime}`);
  }
}

/** `rounds` of `load` on each of `variants` (every variant measured, unless said) and each runtime. */
export async function measure(bench: Bench, load: Load, rounds: number, variants = bench.variants): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const subject of roundOrder(bench.runtimes, variants, r)) {
      const recorded = await sample(serverOf(bench.servers, subject), load, r);
      samples.push(recorded);
      bench.progress.step(
        `${load.sent?.method ?? 'GET'} ${load.path} at ${load.connections} connections, round ${r + 1}/${rounds}, ${variantName(subject)} on ${subject.runtime}: ${recorded.requestsPerSecond.toFixed(0)} req/s`,
      );
    }
  }
  return samples;
}
