// The layouts on one runtime, placed as the topology says: together and
// composed as one app beside the frontend; apart as book-api on its own and,
// for each round trip, a proxy to it and a frontend whose URL for book-api
// is the proxy's.
import { join } from 'node:path';
import { manifestFor } from '../engines.js';
import { freePortOnLoopback } from '../net.js';
import { serve, type RuntimeName, type ServedApp } from '../serve.js';
import { processTree } from '../bench/processes.js';
import { type ApartPlan, LAYOUT_WIRING, type Subject } from './plan.js';
import { type LatencyProxy, startProxy } from './proxy.js';
import type { Place, Topology } from './topology.js';

export interface LayoutServer extends Subject {
  url: string;
  /** The app's processes now: both pods' apart. */
  pids: () => number[];
  /** Apart: the hop. */
  proxy?: LatencyProxy;
  startupMs: number;
}

export interface Layouts {
  servers: LayoutServer[];
  stop: () => Promise<void>;
}

const treeOf = (apps: ServedApp[]) => (): number[] => apps.flatMap((app) => processTree(app.pid));

export async function startLayouts(runtime: RuntimeName, plan: ApartPlan, topology: Topology, statsDir: string): Promise<Layouts> {
  const running: { stop: () => Promise<unknown> }[] = [];
  const servers: LayoutServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(running.map((part) => part.stop()));
  };
  const app = async (place: Place, manifest: string, options: { componentIds?: string[]; env?: Record<string, string> } = {}) => {
    const served = await serve({ runtime, manifest, host: place.host, netns: place.netns, port: await freePortOnLoopback(), ...options });
    running.push(served);
    return served;
  };
  try {
    for (const layout of ['together', 'composed'] as const) {
      const started = performance.now();
      const served = await app(topology.front, await manifestFor(LAYOUT_WIRING[layout]));
      servers.push({ runtime, layout, url: served.url, pids: treeOf([served]), startupMs: performance.now() - started });
    }
    const manifest = await manifestFor(LAYOUT_WIRING.apart);
    const apiStarted = performance.now();
    const api = await app(topology.api, manifest, { componentIds: ['book-api'] });
    const apiMs = performance.now() - apiStarted;
    for (const rttMs of plan.rttMs) {
      const started = performance.now();
      const port = await freePortOnLoopback();
      const proxy = await startProxy(
        topology.proxy,
        port,
        `${topology.api.host}:${api.port}`,
        rttMs,
        join(statsDir, `${runtime}-${rttMs}.count`),
      );
      running.push(proxy);
      const frontend = await app(topology.front, manifest, {
        componentIds: ['frontend'],
        env: { SPIN_VARIABLE_API_ORIGIN: `http://${topology.proxy.host}:${port}` },
      });
      servers.push({
        runtime,
        layout: 'apart',
        rttMs,
        url: frontend.url,
        pids: treeOf([frontend, api]),
        proxy,
        startupMs: apiMs + performance.now() - started,
      });
    }
    return { servers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
