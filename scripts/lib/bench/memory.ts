// Memory as requests go by: a server started afresh, asked for the page one
// request after another, its resident memory read at each of AFTER. A WASI
// 0.3 instance serves 128 requests before Spin replaces it, so what one
// instance keeps shows between 1 and 128, and whether it is given back after
// 128; WASI 0.2 and /p3-once make an instance a request.
import { runtimeLabel, table } from '../markdown.js';
import type { RuntimeVersion } from './results.js';
import { memoryMiB, processTree } from './processes.js';
import { type RuntimeId, type Variant, variantName } from './plan.js';
import type { Server } from './servers.js';

/** The requests after which memory is read: 0 is the server as started, its first healthy answer given. */
export const AFTER = [0, 1, 16, 64, 128, 129, 256, 1024] as const;

export interface MemoryTrace extends Variant {
  runtime: RuntimeId;
  /** Resident MiB of the server's processes at each of AFTER. */
  mib: number[];
}

export interface MemoryResults {
  date: string;
  command: string;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
  runtimes: RuntimeVersion[];
  path: string;
  after: readonly number[];
  traces: MemoryTrace[];
}

/** `server`'s memory at each of AFTER, asked for `path` one request at a time; a request not answered 200 ends the trace with its status. */
export async function traceMemory(server: Server, path: string): Promise<number[]> {
  const mib: number[] = [];
  let served = 0;
  for (const after of AFTER) {
    for (; served < after; served++) {
      const response = await fetch(`${server.url}${path}`);
      await response.arrayBuffer();
      if (response.status !== 200)
        throw new Error(`${variantName(server)} on ${server.runtime}: request ${served + 1} to ${path} was answered ${response.status}`);
    }
    mib.push(memoryMiB(processTree(server.pid)));
  }
  return mib;
}

export function memoryMarkdown(results: MemoryResults): string {
  const { machine } = results;
  const header = ['variant', ...results.after.map((n) => (n === 0 ? 'started' : String(n)))];
  return [
    `Measured on ${results.date.slice(0, 10)} with \`${results.command}\`: ${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}.`,
    `Resident memory of the server's processes, in MiB, after so many requests for \`${results.path}\`, one at a time:`,
    '',
    ...results.runtimes.flatMap((runtime) => [
      `On ${runtimeLabel(runtime)}:`,
      '',
      table(
        header,
        results.traces.filter((t) => t.runtime === runtime.name).map((t) => [variantName(t), ...t.mib.map((m) => m.toFixed(0))]),
      ),
      '',
    ]),
  ].join('\n');
}
