// What the hop between the pods costs before any app runs on it: a ping
// across the bare link, then through a proxy at each round trip asked. The
// proxy's threads wake late, so what it adds is measured, not assumed.
import { freePortOnLoopback } from '../net.js';
import { ping, startEcho, startProxy } from './proxy.js';
import type { Topology } from './topology.js';

export interface HopProbe {
  /** The round trip asked of the proxy; undefined for the bare link, without one. */
  rttMs?: number;
  p50Ms: number;
  p99Ms: number;
  /** p50 over the bare link's. */
  addedMs: number;
}

/** Enough rounds for a steady median, about two seconds of them at the larger round trips. */
const roundsAt = (rttMs: number): number => (rttMs >= 1 ? Math.round(2000 / rttMs) : 2000);

export async function probeHop(topology: Topology, rttMs: readonly number[], statsDir: string): Promise<HopProbe[]> {
  const echoPort = await freePortOnLoopback();
  const echo = await startEcho(topology.api, echoPort);
  try {
    const target = `${topology.api.host}:${echoPort}`;
    const bare = await ping(topology.proxy, target, roundsAt(0));
    const probes: HopProbe[] = [{ p50Ms: bare.p50Ms, p99Ms: bare.p99Ms, addedMs: 0 }];
    for (const rtt of rttMs) {
      const port = await freePortOnLoopback();
      const proxy = await startProxy(topology.proxy, port, target, rtt, `${statsDir}/probe-${rtt}.count`);
      try {
        const through = await ping(topology.proxy, `${topology.proxy.host}:${port}`, roundsAt(rtt));
        probes.push({ rttMs: rtt, p50Ms: through.p50Ms, p99Ms: through.p99Ms, addedMs: through.p50Ms - bare.p50Ms });
      } finally {
        await proxy.stop();
      }
    }
    return probes;
  } finally {
    await echo.stop();
  }
}
