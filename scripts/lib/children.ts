// Every process a command starts leads a process group of its own, so that
// stopping it stops what it started too (jco serve's runner, spin up's
// trigger), and nothing outlives the command: a child that exits takes its
// group with it, and when the command ends, fails or is interrupted, every
// group still running is stopped, and then what it made besides processes
// (network namespaces) is undone.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** The groups started and not yet gone, by their leader's pid. */
const groups = new Set<number>();

/** How long children may take to stop on SIGTERM before they are killed. */
const STOP_GRACE_MS = 3000;

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // No process is left in the group.
  }
}

/** `spawn`, with the child leading a process group this command stops when it ends. */
export function startChild(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  watchSignals();
  const child = spawn(command, args, { ...options, detached: true });
  const pgid = child.pid;
  if (pgid !== undefined) {
    groups.add(pgid);
    child.once('exit', () => {
      // Whatever the child started and left behind goes with it.
      signalGroup(pgid, 'SIGKILL');
      groups.delete(pgid);
    });
  }
  return child;
}

/** Sends `signal` to the child and to every process in its group. */
export function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid !== undefined && groups.has(child.pid)) signalGroup(child.pid, signal);
}

/** Stops every child still running: SIGTERM, then SIGKILL for what is left after a grace period. */
export async function stopChildren(): Promise<void> {
  for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (groups.size > 0 && Date.now() < deadline) await sleep(50);
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
}

/** What to undo once the children are gone, however the command ends. */
const undos = new Set<() => void>();

/** Runs `undo` (synchronous: it may run as the process exits) if the command ends before the returned function is called. */
export function undoOnExit(undo: () => void): () => void {
  watchSignals();
  undos.add(undo);
  return () => undos.delete(undo);
}

function undoAll(): void {
  for (const undo of undos) {
    try {
      undo();
    } catch (error) {
      console.error(error);
    }
  }
  undos.clear();
}

let watching = false;

function watchSignals(): void {
  if (watching) return;
  watching = true;
  process.on('exit', () => {
    for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
    undoAll();
  });
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      const code = 128 + constants.signals[signal];
      if (stopping) process.exit(code);
      stopping = true;
      console.error(`\n${signal}: stopping the processes this command started`);
      void stopChildren().then(() => {
        undoAll();
        process.exit(code);
      });
    });
  }
}
