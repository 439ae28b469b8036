// A Redis server of its own, on a free loopback port, for the tests and
// benchmarks of the `redis` key-value store: Debian's redis-server (`.ci/run`
// installs it), keeping nothing on disk, stopped with the command that
// started it (children.ts).
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { signalChild, startChild } from './children.js';
import { freePortOnLoopback } from './net.js';
import { onPath } from './tools.js';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** How long a server may take to say it is ready. */
const READY_MS = 10_000;

/** Why no Redis server can be started here, or undefined when one can. */
export const redisMissing = (): string | undefined =>
  onPath('redis-server') === undefined ? 'redis-server is not on PATH (Debian: apt-get install redis-server)' : undefined;

export async function startRedis(): Promise<RedisServer> {
  const bin = onPath('redis-server');
  if (bin === undefined) throw new Error(redisMissing());
  const port = await freePortOnLoopback();
  const child = startChild(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = once(child, 'exit');
  await Promise.race([
    ready,
    sleep(READY_MS).then(() => {
      throw new Error(`redis-server on port ${port} was not ready after ${READY_MS / 1000} s:\n${output}`);
    }),
  ]);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      signalChild(child, 'SIGTERM');
      await exited;
    },
  };
}
