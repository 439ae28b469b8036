// Every command that starts processes stops all of them, children and
// grandchildren, when it ends or is interrupted (scripts/lib/children.ts).
// Each command runs with a mark in its environment, which every process it
// starts inherits, wherever it sits in the tree: once the command has gone,
// no process may carry the mark.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../scripts/lib/net.js';
import { ROOT } from '../scripts/lib/project.js';

const MARK = 'BOOKSERVER_TEST_MARK';

interface Marked {
  pid: number;
  cmdline: string;
}

/** The processes whose environment carries `mark`. */
function marked(mark: string): Marked[] {
  const found: Marked[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`${MARK}=${mark}`)) continue;
      found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'latin1').replaceAll('\0', ' ').trim() });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

interface Command {
  process: ChildProcess;
  mark: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Runs `scripts/<script>` as `npm run` would, leading a process group as a terminal's foreground job does. */
function command(script: string, args: string[]): Command {
  const mark = randomUUID();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', script), ...args], {
    cwd: ROOT,
    // The manifests require a token: a command that serves one is given it, as a user gives it.
    env: { ...process.env, [MARK]: mark, SPIN_VARIABLE_API_TOKEN: 'commands-stop' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, mark, exited, output: () => output };
}

/** Waits until the command has started processes whose command lines match each of `patterns`. */
async function startedAll(run: Command, patterns: RegExp[], seconds: number): Promise<Marked[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const now = marked(run.mark);
    if (patterns.every((pattern) => now.some((p) => pattern.test(p.cmdline)))) return now;
    if (Date.now() > deadline) throw new Error(`started ${now.map((p) => p.cmdline).join('; ')}, not all of ${patterns}:\n${run.output()}`);
    await sleep(200);
  }
}

/** What carries the mark a few seconds after the command exited; anything found is killed, so that one failure stays one. */
async function leftBehind(run: Command): Promise<string[]> {
  await run.exited;
  const deadline = Date.now() + 5000;
  let left = marked(run.mark);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(200);
    left = marked(run.mark);
  }
  for (const { pid } of left) process.kill(pid, 'SIGKILL');
  return left.map((p) => p.cmdline);
}

/** Ctrl-C in a terminal: SIGINT to the foreground process group. */
const interrupt = (run: Command): boolean => process.kill(-(run.process.pid ?? 0), 'SIGINT');

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'bookserver-stop-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('commands that start processes stop them all', () => {
  it('npm run bench:runtime, when it ends (jco serve runs its guest in a grandchild)', async () => {
    const run = command('bench-runtime.ts', ['--seconds', '1']);
    await startedAll(run, [/_run\.js/, /scripts\/up\.ts/], 60);
    expect(await leftBehind(run)).toEqual([]);
    expect(await run.exited).toBe(0);
  }, 120_000);

  it('npm run bench:runtime, interrupted', async () => {
    const run = command('bench-runtime.ts', ['--seconds', '30']);
    await startedAll(run, [/_run\.js/, /scripts\/up\.ts/], 60);
    interrupt(run);
    expect(await leftBehind(run)).toEqual([]);
  }, 120_000);

  it('npm run bench, interrupted while it serves', async () => {
    const run = command('bench.ts', ['--quick', '--runtime', 'local', '--wiring', 'chain', '--out', out]);
    await startedAll(run, [/scripts\/up\.ts/], 120);
    interrupt(run);
    expect(await leftBehind(run)).toEqual([]);
  }, 180_000);

  it('npm run soak, interrupted while it serves', async () => {
    const run = command('soak.ts', []);
    await startedAll(run, [/scripts\/up\.ts/], 120);
    interrupt(run);
    expect(await leftBehind(run)).toEqual([]);
  }, 180_000);

  it('npm run conformance, interrupted while its cases serve apps', async () => {
    const run = command('conformance.ts', ['--runtime', 'local']);
    await startedAll(run, [/vitest/, /scripts\/up\.ts/], 120);
    interrupt(run);
    expect(await leftBehind(run)).toEqual([]);
  }, 180_000);

  it('npm run up, on SIGTERM', async () => {
    const port = await freePortOnLoopback();
    const run = command('up.ts', ['--wiring', 'chain', '--listen', `127.0.0.1:${port}`]);
    await startedAll(run, [/scripts\/up\.ts/], 60);
    while (!/^Serving /m.test(run.output())) await sleep(100);
    run.process.kill('SIGTERM');
    expect(await leftBehind(run)).toEqual([]);
    expect(await run.exited).toBe(0);
  }, 120_000);
});
