// One server per wiring and runtime for the benchmark, each on its own
// loopback port.
import { freePortOnLoopback } from '../net.js';
import { serve, type RuntimeName, type ServedApp } from '../serve.js';
import { manifestOf, type Wiring } from '../project.js';
import type { Subject } from './plan.js';

export interface Server extends ServedApp, Subject {}

export async function startServer(runtime: RuntimeName, wiring: Wiring): Promise<Server> {
  const port = await freePortOnLoopback();
  // The network wiring's frontend calls the address its book-api is served on.
  const app = await serve({ runtime, manifest: manifestOf(wiring), port, env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` } });
  return { ...app, wiring };
}

/** The server of `subject`, among those started. */
export function serverOf(servers: readonly Server[], subject: Subject): Server {
  const server = servers.find((s) => s.runtime === subject.runtime && s.wiring === subject.wiring);
  if (!server) throw new Error(`no server for ${subject.wiring} on ${subject.runtime}`);
  return server;
}
