// What one request costs the local runtime, step by step, for one component:
// instantiate (its memory from the pool), serve, reset the memory for the
// next instance, and the hand-off of a request and its answer between the
// HTTP thread and a worker. Measured in process, many times each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compileComponent, type HostOptions, type HttpRequest, loadComponent, sqliteAccess } from '../../../runtime/index.js';
import { composedWith, DEFAULT_ENGINE, ROOT, SERVED_API_TOKEN, wasmPath } from '../project.js';
import { run } from '../run.js';
import { quantile } from '../quantile.js';

export interface Timing {
  median: number;
  p90: number;
}

export interface StepCosts {
  component: string;
  /** The Node that measured it: `v24.22.3`. */
  node: string;
  instantiate: Timing;
  serve: Timing;
  reset: Timing;
  /** The floor of the reset: copying the memory image's non-zero runs alone. */
  imageCopy: Timing;
  /** Posting a request to a worker and its answer back. */
  handOff: Timing;
}

function timing(times: number[]): Timing {
  return { median: quantile(times, 0.5), p90: quantile(times, 0.9) };
}

const SAMPLES = 200;
const WARM_UP = 10;

function timeEach(body: () => void): number[] {
  for (let i = 0; i < WARM_UP; i++) body();
  return Array.from({ length: SAMPLES }, () => {
    const started = performance.now();
    body();
    return performance.now() - started;
  });
}

/** A worker that sends back what it gets: what the pool's messages cost, without any guest. */
async function handOff(request: HttpRequest): Promise<number[]> {
  const worker = new Worker(
    'require("node:worker_threads").parentPort.on("message", (m) => require("node:worker_threads").parentPort.postMessage(m));',
    {
      eval: true,
    },
  );
  const answer = { status: 200, headers: [['content-type', 'text/plain; charset=utf-8']], body: new Uint8Array(48) };
  const roundTrip = (): Promise<number> =>
    new Promise((resolve) => {
      const started = performance.now();
      worker.once('message', () => resolve(performance.now() - started));
      worker.postMessage({ type: 'request', request, answer });
    });
  try {
    for (let i = 0; i < WARM_UP; i++) await roundTrip();
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) times.push(await roundTrip());
    return times;
  } finally {
    await worker.terminate();
  }
}

/** What a component with book-api needs to serve as it does in an app: a store in a file, as Spin keeps it, and the token; its log goes nowhere. */
function withStore<T>(body: (host: HostOptions) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bookserver-steps-'));
  const host: HostOptions = {
    keyValue: sqliteAccess({ default: join(dir, 'sqlite_key_value.db') }),
    variables: new Map([['api_token', SERVED_API_TOKEN]]),
    stdout: () => {},
  };
  return body(host).finally(() => rmSync(dir, { recursive: true, force: true }));
}

export async function stepCosts(wasmFile: string, component: string, request: HttpRequest, host: HostOptions = {}): Promise<StepCosts> {
  const loaded = await loadComponent(wasmFile);
  const phases = { instantiate: [] as number[], serve: [] as number[], reset: [] as number[] };
  for (let i = 0; i < SAMPLES + WARM_UP; i++) {
    let started = performance.now();
    const instance = loaded.instantiate(host);
    const instantiated = performance.now() - started;
    started = performance.now();
    loaded.serve(instance, request);
    const served = performance.now() - started;
    started = performance.now();
    loaded.release(instance);
    if (i < WARM_UP) continue;
    phases.instantiate.push(instantiated);
    phases.serve.push(served);
    phases.reset.push(performance.now() - started);
  }
  const [snapshot] = (await compileComponent(wasmFile)).memories.values();
  const memory = new Uint8Array(new WebAssembly.Memory({ initial: snapshot.layout.initialPages }).buffer);
  const imageCopy = timeEach(() => {
    for (const piece of snapshot.runs) memory.set(piece.bytes, piece.offset);
  });
  return {
    component,
    node: process.version,
    instantiate: timing(phases.instantiate),
    serve: timing(phases.serve),
    reset: timing(phases.reset),
    imageCopy: timing(imageCopy),
    handOff: timing(await handOff(request)),
  };
}

const get = (pathWithQuery: string): HttpRequest => ({
  method: 'GET',
  scheme: 'http',
  authority: '127.0.0.1',
  pathWithQuery,
  headers: [],
  body: new Uint8Array(),
});

/** The default engine's components the page's requests run: book-api, and each frontend with book-api inside (two engines each). */
export async function pageSteps(): Promise<StepCosts[]> {
  const steps = [await withStore((host) => stepCosts(wasmPath('book-api'), 'book-api, GET /api?weekday=3', get('/api?weekday=3'), host))];
  for (const { name } of composedWith(DEFAULT_ENGINE)) {
    steps.push(await withStore((host) => stepCosts(wasmPath(name), `${name} (two engines), GET /?weekday=3`, get('/?weekday=3'), host)));
  }
  return steps;
}

/** The same, measured by the Node at `node` in a process of its own. */
export async function pageStepsOn(node: string): Promise<StepCosts[]> {
  const output = await run(node, ['--import', 'tsx', join(ROOT, 'scripts', 'lib', 'bench', 'steps-child.ts')]);
  return JSON.parse(output) as StepCosts[];
}
