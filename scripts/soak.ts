// npm run soak [-- --runtime local|spin]
// The abuse a careless or hostile client puts a server through, and what it
// costs the next honest client, measured: requests abandoned mid-work,
// large uploads to a route that never reads them, and load on the network
// wiring followed by idleness. Figures, not pass or fail: the tests assert
// behaviour, this says how much.
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { main, parseCommandLine, UserError } from './lib/cli.js';
import { generateLoad } from './lib/bench/load.js';
import { memoryMiB, processTree } from './lib/bench/processes.js';
import { startServer } from './lib/bench/servers.js';
import { DEFAULT_ENGINE } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { checkRuntime, isRuntime, type RuntimeName, type ServedApp } from './lib/serve.js';

const MiB = 2 ** 20;

/** Milliseconds until `url` answers, whatever the answer. */
async function timed(url: string): Promise<number> {
  const started = performance.now();
  await fetch(url).then((r) => r.arrayBuffer());
  return performance.now() - started;
}

const rss = (app: ServedApp): number => memoryMiB(processTree(app.pid));

async function workers(app: ServedApp): Promise<string> {
  const info = (await (await fetch(`${app.url}/.well-known/spin/info`)).json()) as { workers?: number };
  return info.workers === undefined ? 'n/a' : String(info.workers);
}

/** Clients that ask for heavy work and hang up after a second; then an honest client. */
async function abandoned(app: ServedApp): Promise<string[]> {
  const heavy = `${app.url}/bench?calls=100&count=10000`;
  const before = await timed(`${app.url}/?weekday=3`);
  await Promise.all(
    [0, 1].map(async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 1000);
      await fetch(heavy, { signal: controller.signal }).catch(() => undefined);
    }),
  );
  const page = await timed(`${app.url}/?weekday=3`);
  const info = await timed(`${app.url}/.well-known/spin/info`);
  return [
    'two clients abandon GET /bench?calls=100&count=10000 after 1 s (wit wiring):',
    `  GET /?weekday=3 took ${before.toFixed(0)} ms before, ${page.toFixed(0)} ms just after; /.well-known/spin/info ${info.toFixed(0)} ms`,
  ];
}

/** POSTs `mebibytes` of zeros to `url`, written as fast as the server takes them. */
function upload(url: string, mebibytes: number): Promise<number> {
  return new Promise((resolve) => {
    const outgoing = request(url, { method: 'POST', headers: { 'content-length': String(mebibytes * MiB) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', () => resolve(0));
    const chunk = Buffer.alloc(MiB);
    let sent = 0;
    const write = (): void => {
      while (sent < mebibytes) {
        sent++;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', write);
      }
      outgoing.end();
    };
    write();
  });
}

async function uploads(app: ServedApp): Promise<string[]> {
  const before = rss(app);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rss(app))), 100);
  const statuses = await Promise.all(Array.from({ length: 8 }, () => upload(`${app.url}/`, 50)));
  clearInterval(sampler);
  await sleep(3000);
  return [
    'eight concurrent 50 MiB POSTs to / (chain wiring; the frontend answers 405 without reading):',
    `  statuses ${[...new Set(statuses)].join(', ')}; memory ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB, ${rss(app).toFixed(0)} MiB 3 s after`,
  ];
}

async function networkLoad(app: ServedApp): Promise<string[]> {
  const before = rss(app);
  const beforeWorkers = await workers(app);
  for (let run = 0; run < 2; run++) await generateLoad(`${app.url}/?weekday=3`, 16, 10);
  const loaded = rss(app);
  const loadedWorkers = await workers(app);
  await sleep(15_000);
  return [
    'two runs of 10 s at 16 connections on the network wiring, then 15 s idle:',
    `  memory ${before.toFixed(0)} MiB before, ${loaded.toFixed(0)} MiB after the load, ${rss(app).toFixed(0)} MiB after idling`,
    `  workers ${beforeWorkers} before, ${loadedWorkers} after the load, ${await workers(app)} after idling`,
  ];
}

async function scenario(
  runtime: RuntimeName,
  wiring: 'network' | 'chain' | 'wit',
  body: (app: ServedApp) => Promise<string[]>,
): Promise<string[]> {
  const app = await startServer(runtime, { wiring, engine: DEFAULT_ENGINE.name });
  try {
    return await body(app);
  } finally {
    await app.stop();
  }
}

main(async () => {
  const { values } = parseCommandLine(
    { options: { runtime: { type: 'string', default: 'local' } } },
    'usage: npm run soak -- [--runtime local|spin]',
  );
  if (!isRuntime(values.runtime)) throw new UserError(`--runtime is local or spin, not "${values.runtime}"`);
  checkRuntime(values.runtime);
  await buildAndCompose();
  const lines = [
    ...(await scenario(values.runtime, 'wit', abandoned)),
    ...(await scenario(values.runtime, 'chain', uploads)),
    ...(await scenario(values.runtime, 'network', networkLoad)),
  ];
  console.log(`\nnpm run soak on the ${values.runtime === 'spin' ? 'real Spin' : 'local runtime'}:\n${lines.join('\n')}`);
});
