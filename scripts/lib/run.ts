// Running the real tools (jco, tsc, wac, cargo) as child processes.
import { join } from 'node:path';
import { startChild } from './children.js';
import { UserError } from './cli.js';
import { ROOT } from './project.js';

/** The path of a command installed by npm into node_modules/.bin. */
export const npmBin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

export interface RunOptions {
  /** Stream the tool's output to ours (for long installs); otherwise it is shown only on failure. */
  inherit?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where it runs: the project's root when not given. */
  cwd?: string;
}

/** Runs `command`; resolves with its stdout, rejects with its output when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = startChild(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', options.inherit ? 'inherit' : 'pipe', options.inherit ? 'inherit' : 'pipe'],
    });
    let output = '';
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.on('error', (error) => reject(new UserError(`could not run ${command}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new UserError(`${[command, ...args].join(' ')} failed (exit ${code})\n${output.trim()}`));
    });
  });
}

/**
 * `npm run build` then `npm run compose`, each skipping what is up to date,
 * with their output shown; `extra` names components (or compositions, built
 * from their parts) made besides the app's.
 */
export async function buildAndCompose(extra: string[] = []): Promise<void> {
  await run(npmBin('tsx'), ['scripts/build.ts'], { inherit: true });
  await run(npmBin('tsx'), ['scripts/compose.ts'], { inherit: true });
  if (extra.length > 0) await run(npmBin('tsx'), ['scripts/build.ts', ...extra], { inherit: true });
}
