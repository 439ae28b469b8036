// Load on the layouts, round after round: requests and latency from a
// closed loop of clients, CPU of the app's processes and of the proxy, and the
// connections the frontend opened across the hop.
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, processTree } from '../bench/processes.js';
import type { Progress } from '../bench/progress.js';
import type { RuntimeName } from '../serve.js';
import { type ApartPlan, roundOrder, sameSubject, type Subject, subjectName } from './plan.js';
import { closedLoop } from './load.js';
import type { ApartSample } from './results.js';
import type { LayoutServer } from './servers.js';

/** The proxy writes its count of connections ten times a second: what it writes after the load has ended. */
const COUNT_SETTLES_MS = 250;

async function sample(server: LayoutServer, path: string, clients: number, seconds: number, round: number): Promise<ApartSample> {
  const proxyPids = server.proxy ? processTree(server.proxy.pid) : [];
  const before = { app: cpuSeconds(server.pids()), proxy: cpuSeconds(proxyPids), connections: server.proxy?.connections() ?? 0 };
  const result = await closedLoop(`${server.url}${path}`, clients, seconds);
  const served = Math.max(result.requests, 1);
  const perRequest = (seconds: number): number => (seconds * 1000) / served;
  const recorded: ApartSample = {
    ...result,
    runtime: server.runtime,
    layout: server.layout,
    rttMs: server.rttMs,
    path,
    clients,
    round,
    cpuMsPerRequest: perRequest(cpuSeconds(server.pids()) - before.app),
  };
  if (!server.proxy) return recorded;
  recorded.proxyCpuMsPerRequest = perRequest(cpuSeconds(proxyPids) - before.proxy);
  await sleep(COUNT_SETTLES_MS);
  recorded.connectionsPerRequest = (server.proxy.connections() - before.connections) / served;
  return recorded;
}

const serverOf = (servers: readonly LayoutServer[], subject: Subject): LayoutServer => {
  const server = servers.find((s) => sameSubject(s, subject));
  if (!server) throw new Error(`no server for ${subjectName(subject)} on ${subject.runtime}`);
  return server;
};

/** Each server loaded once, unrecorded, so that no round pays for a cold start or a first connection. */
export async function warmUp(
  servers: readonly LayoutServer[],
  runtimes: RuntimeName[],
  plan: ApartPlan,
  progress: Progress,
): Promise<void> {
  for (const subject of roundOrder(runtimes, plan, 0)) {
    await closedLoop(`${serverOf(servers, subject).url}${plan.paths[0]}`, plan.clients.loaded, plan.warmupSeconds);
    progress.step(`warm-up, ${subjectName(subject)} on ${subject.runtime}`);
  }
}

export async function measure(
  servers: readonly LayoutServer[],
  runtimes: RuntimeName[],
  plan: ApartPlan,
  progress: Progress,
): Promise<ApartSample[]> {
  const samples: ApartSample[] = [];
  for (const path of plan.paths) {
    for (const clients of [plan.clients.idle, plan.clients.loaded]) {
      for (let round = 0; round < plan.rounds; round++) {
        for (const subject of roundOrder(runtimes, plan, round)) {
          const recorded = await sample(serverOf(servers, subject), path, clients, plan.seconds, round);
          samples.push(recorded);
          progress.step(
            `GET ${path}, ${clients} client${clients === 1 ? '' : 's'}, round ${round + 1}/${plan.rounds}, ${subjectName(subject)} on ${subject.runtime}: ${recorded.requestsPerSecond.toFixed(0)} req/s, p50 ${recorded.latency.p50.toFixed(2)} ms`,
          );
        }
      }
    }
  }
  return samples;
}
