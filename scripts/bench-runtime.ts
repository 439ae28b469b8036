// npm run bench:runtime [-- --seconds 10 --connections 4]
// The local runtime against `jco serve`, on the same component, in one run:
// what one instantiation costs, and how many requests per second each serves.
// The component is the crossings benchmark's pair of QuickJS components (a
// caller composed with an exporter, as the wit wiring composes book-api into
// the frontend): jco serve has neither the key-value store nor the variables
// book-api needs. Not a test: numbers depend on the machine.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import autocannon from 'autocannon';
import { hostImports, type HttpRequest } from '../runtime/index.js';
import { stepCosts, type Timing } from './lib/bench/steps.js';
import { signalChild, startChild } from './lib/children.js';
import { spread } from './lib/bench/results.js';
import { freePortOnLoopback, waitFor } from './lib/net.js';
import { ROOT, wasmPath } from './lib/project.js';
import { main } from './lib/cli.js';
import { PAIRS } from './lib/crossings/guests.js';
import { writeCrossingsManifest } from './lib/crossings/manifest.js';
import { buildAndCompose, npmBin } from './lib/run.js';

/** Seven books across WIT, the page's payload. */
const QUERY = '?shape=books&n=7&calls=1&via=direct';
const PAIR = 'ts-qjs-to-qjs';
const REQUEST: HttpRequest = {
  method: 'GET',
  scheme: 'http',
  authority: '127.0.0.1',
  pathWithQuery: `/${QUERY}`,
  headers: [],
  body: new Uint8Array(),
};
const SAMPLES = 200;

const median = (xs: number[]): number => spread(xs).median;
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const ms = (x: number): string => `${x.toFixed(2)} ms`;

function timeEach(samples: number, body: () => void): number[] {
  for (let i = 0; i < 10; i++) body();
  return Array.from({ length: samples }, () => {
    const started = performance.now();
    body();
    return performance.now() - started;
  });
}

type Instantiate = (
  get: (name: string) => WebAssembly.Module,
  imports: object,
  core: (m: WebAssembly.Module, i: WebAssembly.Imports) => WebAssembly.Instance,
) => unknown;

/** Instantiation with the bindings of the jco that builds the components (1.35), V8 applying the data segments. */
async function jcoInstantiation(wasm: string): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-jco-'));
  try {
    const { files } = await transpileBytes(await readFile(wasm), {
      name: 'component',
      instantiation: 'sync',
      emitTypescriptDeclarations: false,
    });
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const { instantiate } = (await import(pathToFileURL(join(dir, 'component.js')).href)) as { instantiate: Instantiate };
    const modules = new Map<string, WebAssembly.Module>();
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.wasm')))
      modules.set(file, new WebAssembly.Module(await readFile(join(dir, file))));
    return timeEach(SAMPLES / 4, () =>
      instantiate(
        (name) => modules.get(name) as WebAssembly.Module,
        hostImports(),
        (m, i) => new WebAssembly.Instance(m, i),
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return startChild(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function load(url: string, seconds: number, connections: number): Promise<autocannon.Result> {
  await autocannon({ url, connections, duration: 2 }); // warm-up
  return autocannon({ url, connections, duration: seconds });
}

main(async () => {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '4' } } });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const pair = PAIRS.find((p) => p.id === PAIR);
  if (!pair) throw new Error(`the crossings have no pair ${PAIR}`);
  const wasm = wasmPath(pair.composition.name);
  await buildAndCompose([pair.composition.name]);
  console.log(
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}; ${pair.composition.name} (${wasm})\n`,
  );

  const jco = await jcoInstantiation(wasm);
  const ours = await stepCosts(wasm, pair.composition.name, REQUEST);
  const row = (name: string, t: Timing): string => `  ${name.padEnd(46)} ${ms(t.median)} / ${ms(t.p90)}`;
  console.log('Instantiation, per instance (median / p90):');
  console.log(`  ${'jco 1.35 bindings, V8 applying data segments'.padEnd(46)} ${ms(median(jco))} / ${ms(p90(jco))}`);
  console.log(row('this runtime: instantiate', ours.instantiate));
  console.log(row('this runtime: reset the memory for reuse', ours.reset));
  console.log(row('the floor: copying the memory image', ours.imageCopy));
  console.log(row('this runtime: serve the request', ours.serve));
  console.log(row('hand-off to a worker and back', ours.handOff));
  console.log('');

  const jcoPort = await freePortOnLoopback();
  const jcoServe = start(process.execPath, [
    join(ROOT, 'node_modules/@bytecodealliance/jco/dist/jco.js'),
    'serve',
    wasm,
    '--host',
    '127.0.0.1',
    '--port',
    String(jcoPort),
    '--isolate-requests',
    'instance',
  ]);
  const runtimePort = await freePortOnLoopback();
  const manifest = await writeCrossingsManifest([pair]);
  const runtime = start(npmBin('tsx'), ['scripts/up.ts', '-f', manifest, '--listen', `127.0.0.1:${runtimePort}`]);
  try {
    const jcoUrl = `http://127.0.0.1:${jcoPort}/${QUERY}`;
    const runtimeUrl = `http://127.0.0.1:${runtimePort}/${PAIR}${QUERY}`;
    await waitFor(jcoUrl);
    await waitFor(runtimeUrl);
    console.log(`Throughput, GET ${QUERY} at ${connections} connections for ${seconds} s (after 2 s of warm-up):`);
    const jcoResult = await load(jcoUrl, seconds, connections);
    const runtimeResult = await load(runtimeUrl, seconds, connections);
    const line = (name: string, r: autocannon.Result): string =>
      `  ${name.padEnd(46)} ${r.requests.average.toFixed(1).padStart(7)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.errors + r.non2xx} errors`;
    console.log(line('jco serve --isolate-requests instance', jcoResult));
    console.log(line(`this runtime (npm run up, ${relative(ROOT, manifest)})`, runtimeResult));
    console.log(`  ratio: ${(runtimeResult.requests.average / jcoResult.requests.average).toFixed(1)}x`);
  } finally {
    // jco serve runs its guest in a process of its own: the group goes, not only jco.
    signalChild(jcoServe, 'SIGTERM');
    signalChild(runtime, 'SIGTERM');
  }
});
