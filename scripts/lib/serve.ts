// A Spin app served in a child process by one of two runtimes: the local
// runtime (scripts/up.ts under Node) or a real `spin up` found on PATH. The
// benchmark, the conformance suite and the tests all start servers here, so
// that both runtimes are asked the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signalChild, startChild } from './children.js';
import { freePortOnLoopback } from './net.js';
import { ROOT, SERVED_API_TOKEN } from './project.js';
import { UserError } from './cli.js';
import { run } from './run.js';
import { onPath } from './tools.js';

export const RUNTIMES = ['local', 'spin'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

const LOOPBACK = '127.0.0.1';

export const isRuntime = (name: string): name is RuntimeName => (RUNTIMES as readonly string[]).includes(name);

/** Whether `spin` is on PATH, where a user's machine has it. */
export const spinAvailable = (): boolean => onPath('spin') !== undefined;

export function checkRuntime(runtime: RuntimeName): void {
  if (runtime === 'spin' && !spinAvailable()) {
    throw new UserError(
      'this needs a `spin` command on PATH, and there is none. Install Spin 3 or later (https://spinframework.dev), or use the local runtime.',
    );
  }
}

export interface ServeOptions {
  runtime: RuntimeName;
  manifest: string;
  /** A free loopback port when not given. */
  port?: number;
  /** The address it listens on, 127.0.0.1 when not given. */
  host?: string;
  /** The network namespace it runs in (`ip netns exec`), this process's own when not given. */
  netns?: string;
  /** Added to this process's environment: SPIN_VARIABLE_* and the like; SPIN_VARIABLE_API_TOKEN is SERVED_API_TOKEN unless it says another. */
  env?: Record<string, string>;
  /** `--state-dir`: where the app keeps its key-value store and logs. A fresh folder, removed when the app stops, when not given. */
  stateDir?: string;
  /** `--component-id`, as `spin up` takes it. */
  componentIds?: readonly string[];
  /** Further options for the runtime, such as `--request-timeout 1s`. */
  args?: readonly string[];
  /** Seconds it may take to answer its health check: more for an app of many large components, which Spin compiles first. */
  startWithin?: number;
  /** The Node that runs the local runtime: this process's own when not given. */
  node?: string;
}

export interface ServedApp {
  runtime: RuntimeName;
  /** `http://<host>:<port>`. */
  url: string;
  port: number;
  /** The server process; CPU and memory are read from it and its children. */
  pid: number;
  /** Its state folder: the key-value store, and the components' logs under `logs/`. */
  stateDir: string;
  /** All it has printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Sends `signal` and resolves with the exit code; what has not stopped after SECONDS_TO_STOP is killed. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** The command line that serves `manifest` on `port` with its state in `stateDir`, as a user would type it. */
export function serveCommand(options: ServeOptions, port: number, stateDir: string): [string, string[]] {
  const ids = (options.componentIds ?? []).flatMap((id) => ['--component-id', id]);
  const listen = ['--listen', `${options.host ?? LOOPBACK}:${port}`, '--state-dir', stateDir];
  const args = ['-f', options.manifest, ...listen, ...ids, ...(options.args ?? [])];
  const [command, commandArgs]: [string, string[]] =
    options.runtime === 'spin'
      ? ['spin', ['up', ...args]]
      : // Node with tsx as a loader, not the tsx command: one process to measure and to signal, not a wrapper and its child.
        [options.node ?? process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'up.ts'), ...args]];
  return inNamespace(options.netns, command, commandArgs);
}

/** `command` run in network namespace `netns` (this process's own when undefined). */
export function inNamespace(netns: string | undefined, command: string, args: string[]): [string, string[]] {
  // `ip netns exec` becomes the command it runs: still one process to measure and to signal.
  return netns === undefined ? [command, args] : ['ip', ['netns', 'exec', netns, command, ...args]];
}

function launch(options: ServeOptions, port: number) {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'bookserver-state-'));
  const [command, args] = serveCommand(options, port, stateDir);
  const env = { ...process.env, SPIN_VARIABLE_API_TOKEN: SERVED_API_TOKEN, ...options.env };
  const child = startChild(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
  // A folder made here goes with the app.
  if (options.stateDir === undefined) void exited.then(() => rmSync(stateDir, { recursive: true, force: true }));
  return { child, output, exited, stateDir, command: [command, ...args].join(' ') };
}

const SECONDS_TO_START = 120;
/** Longer than the local runtime's shutdown grace (10 s), so that a clean stop is never cut short. */
const SECONDS_TO_STOP = 15;

/** Serves the app and resolves once it says it serves and answers Spin's health check. */
export async function serve(options: ServeOptions): Promise<ServedApp> {
  const port = options.port ?? (await freePortOnLoopback());
  const url = `http://${options.host ?? LOOPBACK}:${port}`;
  const { child, output, exited, stateDir, command } = launch(options, port);
  let ended: number | null | undefined;
  void exited.then((code) => (ended = code));
  const startWithin = options.startWithin ?? SECONDS_TO_START;
  const deadline = Date.now() + startWithin * 1000;
  for (;;) {
    if (ended !== undefined) throw new UserError(`${command} stopped (exit ${ended}) before serving:\n${output.stdout}${output.stderr}`);
    // Both runtimes print `Serving <url>` once they are ready, and answer the health check.
    if (
      /^Serving http/m.test(output.stdout) &&
      (await fetch(`${url}/.well-known/spin/health`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      break;
    if (Date.now() > deadline) {
      signalChild(child, 'SIGKILL');
      throw new UserError(`${command} did not answer its health check within ${startWithin} s:\n${output.stdout}${output.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    runtime: options.runtime,
    url,
    port,
    pid: child.pid ?? 0,
    stateDir,
    stdout: () => output.stdout,
    stderr: () => output.stderr,
    stop: (signal = 'SIGTERM') => {
      if (ended === undefined) {
        signalChild(child, signal);
        // Spin 4.1 does not stop on SIGTERM while a guest of it spins; nor would a runtime that hangs.
        const kill = setTimeout(() => signalChild(child, 'SIGKILL'), SECONDS_TO_STOP * 1000);
        void exited.then(() => clearTimeout(kill));
      }
      return exited;
    },
  };
}

/** Runs the app expecting it to stop by itself, as it does when it cannot start. */
export async function serveUntilExit(options: ServeOptions): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, output, exited } = launch(options, options.port ?? (await freePortOnLoopback()));
  const timer = setTimeout(() => signalChild(child, 'SIGKILL'), SECONDS_TO_START * 1000);
  const code = await exited;
  clearTimeout(timer);
  return { code, ...output };
}

/** What `spin --version` says, less the word spin: `4.1.0-pre0 (94a8fc8a 2026-08-21)`. */
export async function spinVersion(): Promise<string> {
  return (await run('spin', ['--version'])).trim().replace(/^spin\s+/, '');
}
