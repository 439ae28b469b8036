// The local runtime's command line, `npm run up`, run the way a user runs it,
// for what only it says: its usage errors and start-up messages.
import { spawn } from 'node:child_process';
import { ROOT } from '../../scripts/lib/project.js';
import { npmBin } from '../../scripts/lib/run.js';

/** Runs `npm run up -- <args>` expecting it to stop by itself (a start-up error). */
export async function runUp(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(npmBin('tsx'), ['scripts/up.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (out.stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, ...out };
}
