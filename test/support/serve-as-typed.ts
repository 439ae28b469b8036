// An app served with exactly the options given, as a user types the
// command: scripts/lib/serve.ts always gives a state directory of its own,
// and a case about the default one (the manifest's .spin) must not.
import { join } from 'node:path';
import { signalChild, startChild } from '../../scripts/lib/children.js';
import { freePortOnLoopback, waitFor } from '../../scripts/lib/net.js';
import { ROOT } from '../../scripts/lib/project.js';
import type { RuntimeName } from '../../scripts/lib/serve.js';

export interface TypedApp {
  url: string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** `spin up -f <manifest> --listen ... <args>`, or the same with `npm run up`'s script; resolves once it answers its health check. */
export async function serveAsTyped(runtime: RuntimeName, manifest: string, args: readonly string[] = []): Promise<TypedApp> {
  const port = await freePortOnLoopback();
  const given = ['-f', manifest, '--listen', `127.0.0.1:${port}`, ...args];
  const [command, commandArgs] =
    runtime === 'spin' ? ['spin', ['up', ...given]] : [process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'up.ts'), ...given]];
  const child = startChild(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([waitFor(`${url}/.well-known/spin/health`, 120), exited.then(() => Promise.reject(new Error(stderr)))]);
  } catch (error) {
    signalChild(child, 'SIGKILL');
    throw error;
  }
  return {
    url,
    stderr: () => stderr,
    stop: async () => {
      signalChild(child, 'SIGTERM');
      await exited;
    },
  };
}
