// A Redis server of its own, on a free port, for the tests and benchmarks of
// the `redis` key-value store: Debian's redis-server (`.ci/run` installs it),
// keeping nothing on disk, stopped with the command that started it
// (children.ts); and the runtime config file that points an app's default
// store at one.
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signalChild, startChild } from './children.js';
import { freePortOnLoopback } from './net.js';
import { inNamespace } from './serve.js';
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

/** A server on `host` (127.0.0.1 unless given), in network namespace `netns` when given. */
export async function startRedis(place: { host?: string; netns?: string } = {}): Promise<RedisServer> {
  const bin = onPath('redis-server');
  if (bin === undefined) throw new Error(redisMissing());
  const { host = '127.0.0.1', netns } = place;
  const port = await freePortOnLoopback();
  // Off loopback Redis refuses clients unless told not to: here only the benchmark's namespaces reach it.
  const open = host === '127.0.0.1' ? [] : ['--protected-mode', 'no'];
  const [command, args] = inNamespace(netns, bin, ['--port', String(port), '--bind', host, ...open, '--save', '', '--appendonly', 'no']);
  const child = startChild(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
    url: `redis://${host}:${port}`,
    async stop() {
      signalChild(child, 'SIGTERM');
      await exited;
    },
  };
}

/** A fresh folder holding a runtime config file whose default store is the Redis server at `url`, and a state directory beside it. */
export async function redisRuntimeConfig(url: string): Promise<{ stateDir: string; args: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'on-redis-'));
  const config = join(dir, 'runtime-config.toml');
  await writeFile(config, `[key_value_store.default]\ntype = "redis"\nurl = "${url}"\n`);
  return { stateDir: join(dir, 'state'), args: ['--runtime-config-file', config] };
}
