// CPU time and memory of a server and its child processes, from /proc.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts CPU time in ticks of 1/100 s (sysconf CLK_TCK on every common configuration). */
const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces, closed by the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** `pid` and every process below it. */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = stat(Number(entry));
    if (info) parents.set(Number(entry), info.ppid);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** CPU seconds (user + system) the processes have used so far. */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (stat(pid)?.ticks ?? 0), 0) / TICKS_PER_SECOND;
}

/** A memory figure of /proc/<pid>/status, summed over the processes, in MiB. */
function statusMiB(pids: number[], field: 'VmHWM' | 'VmRSS'): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
    } catch {
      // The process has ended.
    }
  }
  return kib / 1024;
}

/** Peak resident memory so far, summed over the processes, in MiB. */
export const peakMemoryMiB = (pids: number[]): number => statusMiB(pids, 'VmHWM');

/** Resident memory now, summed over the processes, in MiB. */
export const memoryMiB = (pids: number[]): number => statusMiB(pids, 'VmRSS');
