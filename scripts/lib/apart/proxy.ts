// tools/latency-proxy, built with cargo into .tools/ when its sources change,
// and run where the topology puts it: the proxy between the pods, and the
// echo and ping that measure what it adds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signalChild, startChild } from '../children.js';
import { UserError } from '../cli.js';
import { ROOT, TOOLS_DIR } from '../project.js';
import { run } from '../run.js';
import { inNamespace } from '../serve.js';
import type { Place } from './topology.js';

const SOURCE = join(ROOT, 'tools', 'latency-proxy');
const TARGET = join(TOOLS_DIR, 'latency-proxy');
export const LATENCY_PROXY = join(TARGET, 'release', 'latency-proxy');

/** Builds the proxy (a no-op when it is up to date); it uses the standard library alone, so it builds offline in seconds. */
export async function buildLatencyProxy(): Promise<string> {
  try {
    await run('cargo', ['--version']);
  } catch {
    throw new UserError('tools/latency-proxy is built with cargo, which is not on PATH: install Rust (https://rustup.rs)');
  }
  console.log(`Building tools/latency-proxy with cargo into ${TARGET}`);
  await run('cargo', ['build', '--release', '--locked', '--quiet', '--manifest-path', join(SOURCE, 'Cargo.toml'), '--target-dir', TARGET]);
  return LATENCY_PROXY;
}

export interface Running {
  pid: number;
  stop: () => Promise<void>;
}

/** Starts `args` of the tool in `place` and resolves once it prints `ready`. */
function start(place: Place, args: string[], ready: RegExp): Promise<Running> {
  const [command, commandArgs] = inNamespace(place.netns, LATENCY_PROXY, args);
  const child = startChild(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk;
      if (!ready.test(output)) return;
      child.stdout?.off('data', onData);
      resolve({
        pid: child.pid ?? 0,
        stop: async () => {
          signalChild(child, 'SIGTERM');
          await exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    void exited.then(() => reject(new UserError(`latency-proxy ${args.join(' ')} stopped before it was ready:\n${output.trim()}`)));
  });
}

export interface LatencyProxy extends Running {
  /** Connections it has accepted so far. */
  connections: () => number;
}

/** A proxy in `place` on `port`, to `upstream`, adding `rttMs` to every round trip, counting connections in `statsFile`. */
export async function startProxy(place: Place, port: number, upstream: string, rttMs: number, statsFile: string): Promise<LatencyProxy> {
  const listen = `${place.host}:${port}`;
  const running = await start(
    place,
    ['proxy', '--listen', listen, '--upstream', upstream, '--rtt-ms', String(rttMs), '--stats', statsFile],
    /^Proxying /m,
  );
  return {
    ...running,
    connections: () => {
      try {
        return Number(readFileSync(statsFile, 'utf8'));
      } catch {
        return 0;
      }
    },
  };
}

export const startEcho = (place: Place, port: number): Promise<Running> =>
  start(place, ['echo', '--listen', `${place.host}:${port}`], /^Echoing /m);

export interface PingResult {
  rounds: number;
  p50Ms: number;
  p99Ms: number;
  minMs: number;
}

/** One connection from `place` to `to`, one byte each way `rounds` times. */
export async function ping(place: Place, to: string, rounds: number): Promise<PingResult> {
  const [command, args] = inNamespace(place.netns, LATENCY_PROXY, ['ping', '--to', to, '--rounds', String(rounds)]);
  return JSON.parse(await run(command, args)) as PingResult;
}
