// One server per wiring for the benchmark: the local runtime (`npm run up`)
// or a real `spin up`, each on its own loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePortOnLoopback, waitFor } from '../net.js';
import { ROOT } from '../project.js';
import { UserError } from '../run.js';
import { onPath } from '../tools.js';
import { WIRINGS, type Wiring } from '../up.js';

export type RuntimeName = 'local' | 'spin';

export interface Server {
  wiring: Wiring;
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

function command(runtime: RuntimeName, wiring: Wiring, port: number): [string, string[]] {
  const manifest = join(ROOT, WIRINGS[wiring]);
  if (runtime === 'spin') return ['spin', ['up', '-f', manifest, '--listen', `127.0.0.1:${port}`]];
  // Node with tsx as a loader, not the tsx command: one process to measure, not a wrapper and its child.
  return [process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'up.ts'), '--wiring', wiring, '--listen', `127.0.0.1:${port}`]];
}

export function checkRuntime(runtime: RuntimeName): void {
  if (runtime === 'spin' && !onPath('spin')) {
    throw new UserError('--runtime spin needs a `spin` command on PATH, and there is none. Install Spin 3 (https://spinframework.dev), or leave out --runtime to use the local runtime.');
  }
}

export async function startServer(runtime: RuntimeName, wiring: Wiring): Promise<Server> {
  const port = await freePortOnLoopback();
  const url = `http://127.0.0.1:${port}`;
  const [cmd, args] = command(runtime, wiring, port);
  // The network wiring's frontend calls the address its book-api is served on.
  const child: ChildProcess = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, SPIN_VARIABLE_API_ORIGIN: url }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    await Promise.race([waitFor(`${url}/?weekday=3`), exited.then(() => Promise.reject(new UserError(`the ${wiring} server stopped:\n${stderr}`)))]);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    wiring,
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
