// The local runtime as a user runs it: `npm run up` in a child process,
// talked to over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../../scripts/lib/project.js';
import { npmBin } from '../../scripts/lib/run.js';

export interface RunningRuntime {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** All the runtime has printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Sends `signal` and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

function launch(args: string[], env: Record<string, string>): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const child = spawn(npmBin('tsx'), ['scripts/up.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (out.stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (out.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exited };
}

/** Starts `npm run up -- <args>` (on a free port unless `port` is given); resolves once it serves. */
export function startRuntime(args: string[], env: Record<string, string> = {}, port = 0): Promise<RunningRuntime> {
  const { child, out, exited } = launch([...args, '--listen', `127.0.0.1:${port}`], env);
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const serving = out.stdout.match(/Serving (http:\/\/[\d.]+:\d+)/);
      if (!serving) return;
      child.stdout?.off('data', onData);
      resolve({
        url: serving[1],
        stdout: () => out.stdout,
        stderr: () => out.stderr,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => reject(new Error(`the runtime exited (${code}) before serving:\n${out.stdout}\n${out.stderr}`)));
  });
}

/** Runs `npm run up -- <args>` expecting it to stop by itself (a start-up error). */
export async function runUntilExit(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { child, out, exited } = launch(args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, ...out };
}
