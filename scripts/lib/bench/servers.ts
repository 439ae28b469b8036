// One server per variant and runtime for the benchmark, each on its own
// loopback port.
import { manifestFor } from '../engines.js';
import { freePortOnLoopback } from '../net.js';
import { engineNamed, floorManifest } from '../project.js';
import { serve, type ServedApp } from '../serve.js';
import { buildArgs, FLOOR, sameVariant, type Subject, type Variant, variantName } from './plan.js';
import type { BenchRuntime } from './runtimes.js';

export interface Server extends Omit<ServedApp, 'runtime'>, Subject {
  /** From starting the runtime to its first healthy answer. */
  startupMs: number;
}

export async function startServer(runtime: BenchRuntime, variant: Variant): Promise<Server> {
  const port = await freePortOnLoopback();
  const wasi = variant.build ? '0.3' : '0.2';
  const manifest = variant.wiring === FLOOR ? floorManifest(wasi) : await manifestFor(variant.wiring, engineNamed(variant.engine), wasi);
  const started = performance.now();
  // The network wiring's frontend calls the address its book-api is served on.
  const app = await serve({
    runtime: runtime.kind,
    node: runtime.node,
    manifest,
    port,
    args: buildArgs(variant.build),
    env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` },
  });
  return { ...app, ...variant, runtime: runtime.id, startupMs: performance.now() - started };
}

/** The server of `subject`, among those started. */
export function serverOf(servers: readonly Server[], subject: Subject): Server {
  const server = servers.find((s) => s.runtime === subject.runtime && sameVariant(s, subject));
  if (!server) throw new Error(`no server for ${variantName(subject)} on ${subject.runtime}`);
  return server;
}
