// npm run soak [-- --runtime local|spin|both]
// The abuse a careless or hostile client puts a server through, and what it
// costs the next honest client, measured: requests abandoned mid-work,
// large uploads to a route that never reads them, a chaining loop, and
// load on every wiring followed by idleness (is the memory given back?).
// Then clients that stop reading a large answer, and what another client
// waits for a page meanwhile; and writes: clients adding books until the
// server is killed with SIGKILL, and what was acknowledged read back after
// a restart.
// Figures, not pass or fail: the tests assert behaviour, this says how much.
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { main, parseCommandLine, UserError } from './lib/cli.js';
import { generateLoad } from './lib/bench/load.js';
import { memoryMiB, processTree } from './lib/bench/processes.js';
import { type Server, startServer } from './lib/bench/servers.js';
import { DEFAULT_ENGINE, ROOT, WIRING_NAMES, type Wiring } from './lib/project.js';
import type { BenchWiring } from './lib/bench/plan.js';
import { refreshDocSection } from './lib/doc-sections.js';
import { LARGE_ANSWER } from './lib/slow-readers.js';
import { buildAndCompose } from './lib/run.js';
import { checkRuntime, isRuntime, type RuntimeName, type ServedApp, serve } from './lib/serve.js';
import { ASKED_MS, SLOW_READERS, type SlowReaders, slowReaders } from './lib/soak/slow-readers.js';
import { LOAD_S, WRITERS, type WritesRecord, writesThenKill } from './lib/soak/writes.js';

/** The frontend misconfigured to chain to itself, and the probe to stand for other clients. */
const LIMITS_APP = join(ROOT, 'test', 'fixtures', 'manifests', 'limits.toml');

const MiB = 2 ** 20;

/** Milliseconds until `url` answers, whatever the answer. */
async function timed(url: string): Promise<number> {
  const started = performance.now();
  await fetch(url).then((r) => r.arrayBuffer());
  return performance.now() - started;
}

const rss = (app: Pick<ServedApp, 'pid'>): number => memoryMiB(processTree(app.pid));

async function workers(app: Pick<ServedApp, 'url'>): Promise<string> {
  const info = (await (await fetch(`${app.url}/.well-known/spin/info`)).json()) as { workers?: number };
  return info.workers === undefined ? 'n/a' : String(info.workers);
}

/** Clients that ask for heavy work and hang up after a second; then an honest client. */
async function abandoned(app: Server): Promise<string[]> {
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

async function uploads(app: Server): Promise<string[]> {
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

/** How long the server is left idle after load before its memory is read again. */
const IDLE_AFTER_LOAD_S = 15;

interface AfterLoad {
  wiring: BenchWiring;
  /** Resident MiB: warmed up, just after the load, after idling. */
  warm: number;
  loaded: number;
  idle: number;
  workers: string[];
}

async function memoryAfterLoad(app: Server): Promise<AfterLoad> {
  const page = `${app.url}/?weekday=3`;
  await generateLoad(page, 2, 3);
  await sleep(3000);
  const warm = rss(app);
  const warmWorkers = await workers(app);
  await generateLoad(page, 32, 10);
  const loaded = rss(app);
  const loadedWorkers = await workers(app);
  await sleep(IDLE_AFTER_LOAD_S * 1000);
  return { wiring: app.wiring, warm, loaded, idle: rss(app), workers: [warmWorkers, loadedWorkers, await workers(app)] };
}

const afterLoadLine = (m: AfterLoad): string =>
  `  ${m.wiring.padEnd(9)} ${m.warm.toFixed(0).padStart(5)} MiB warm, ${m.loaded.toFixed(0).padStart(5)} loaded, ` +
  `${m.idle.toFixed(0).padStart(5)} idle after (${(m.idle / m.warm).toFixed(2)} of warm); workers ${m.workers.join(', ')}`;

interface Loop {
  status: number;
  seconds: number;
  before: number;
  peak: number;
  /** Milliseconds another client waited for a small answer during the loop, and after it. */
  otherDuring: number;
  otherAfter: number;
}

/** The frontend told to chain to itself (test/fixtures/manifests/limits.toml): how soon the loop fails, what it costs, and who waits. */
async function chainingLoop(runtime: RuntimeName): Promise<Loop> {
  const app = await serve({ runtime, manifest: LIMITS_APP });
  try {
    const before = rss(app);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(app))), 50);
    const started = performance.now();
    const loop = fetch(`${app.url}/`).then(async (r) => {
      await r.arrayBuffer();
      return { status: r.status, seconds: (performance.now() - started) / 1000 };
    });
    await sleep(100);
    const otherDuring = await timed(`${app.url}/probe/headers`);
    const { status, seconds } = await loop;
    clearInterval(sampler);
    return { status, seconds, before, peak, otherDuring, otherAfter: await timed(`${app.url}/probe/headers`) };
  } finally {
    await app.stop();
  }
}

const loopLines = (l: Loop): string[] => [
  'a chaining loop (the frontend told to chain to itself), GET /:',
  `  ${l.status} after ${l.seconds.toFixed(2)} s; memory ${l.before.toFixed(0)} MiB before, peak ${l.peak.toFixed(0)} MiB; ` +
    `another client's GET /probe/headers took ${l.otherDuring.toFixed(0)} ms during it, ${l.otherAfter.toFixed(0)} ms after`,
];

const writesLines = (w: WritesRecord): string[] => [
  `${WRITERS} clients POST /api/books (network wiring) for ${LOAD_S} s, then the server is killed with SIGKILL mid-write and started again:`,
  `  ${w.perSecond.toFixed(0)} writes/s, p50 ${w.p50Ms.toFixed(1)} ms, p99 ${w.p99Ms.toFixed(1)} ms; ` +
    `${w.acknowledged} acknowledged, ${w.lost} lost, ${w.twice} answered twice; integrity check: ${w.integrity}`,
];

const slowLines = (s: SlowReaders): string[] => [
  `${SLOW_READERS} clients ask for ${LARGE_ANSWER} (network wiring) and stop reading; another client's GET /?weekday=3:`,
  `  ${s.beforeMs.toFixed(0)} ms before, ${s.whileMadeMs.toFixed(0)} ms while the answers are made (${s.madeS.toFixed(1)} s), ` +
    `${s.whileStalledMs.toFixed(0)} ms while they sit unread; every answer whole when read on: ${s.whole ? 'yes' : 'no'}`,
];

interface Soaked {
  runtime: RuntimeName;
  loop: Loop;
  afterLoad: AfterLoad[];
  slow: SlowReaders;
  writes: WritesRecord;
}

/** The page that holds the record of a run on both runtimes. */
const RECORD_PAGE = 'docs/local-runtime.md';

/** The docs' record of a run on both runtimes: the loop, memory after load per wiring, the writes and the slow readers. */
function soakRecord(runs: Soaked[], date: string): string {
  const [local, spin] = [runs.find((r) => r.runtime === 'local'), runs.find((r) => r.runtime === 'spin')];
  if (!local || !spin) throw new Error('the record needs a run on each runtime');
  const cell = (m: AfterLoad | undefined): string =>
    m ? `${m.warm.toFixed(0)} → ${m.loaded.toFixed(0)} → ${m.idle.toFixed(0)} (${(m.idle / m.warm).toFixed(2)})` : 'n/a';
  const loopCell = (l: Loop): string =>
    `${l.status} after ${l.seconds.toFixed(2)} s, peak ${l.peak.toFixed(0)} MiB (${l.before.toFixed(0)} before)`;
  return [
    `\`npm run soak -- --runtime both\` on ${date}; resident MiB warm → loaded → idle after (idle as a share of warm):`,
    '',
    '| | Spin | the local runtime |',
    '| --- | --- | --- |',
    `| the chaining loop | ${loopCell(spin.loop)} | ${loopCell(local.loop)} |`,
    ...WIRING_NAMES.map(
      (wiring) =>
        `| ${wiring} | ${cell(spin.afterLoad.find((m) => m.wiring === wiring))} | ${cell(local.afterLoad.find((m) => m.wiring === wiring))} |`,
    ),
    '',
    `Writes: ${WRITERS} clients adding books straight to book-api (\`POST /api/books\`, the network wiring, Spin's SQLite store) for ${LOAD_S} s, ` +
      'then the server killed with SIGKILL while they still write, started again on the same state directory, and every acknowledged book read back:',
    '',
    '| | Spin | the local runtime |',
    '| --- | --- | --- |',
    ...writeRows.map(([name, of]) => `| ${name} | ${of(spin.writes)} | ${of(local.writes)} |`),
    '',
    `Slow readers: ${SLOW_READERS} clients ask book-api for \`${LARGE_ANSWER}\` (about 5.7 MB each) and stop reading after the first bytes; ` +
      "another client's `GET /?weekday=3`, ms:",
    '',
    '| | Spin | the local runtime |',
    '| --- | --- | --- |',
    ...slowRows.map(([name, of]) => `| ${name} | ${of(spin.slow)} | ${of(local.slow)} |`),
  ].join('\n');
}

const writeRows: [string, (w: WritesRecord) => string][] = [
  ['writes a second under the load', (w) => w.perSecond.toFixed(0)],
  ['a write, p50 / p99 ms', (w) => `${w.p50Ms.toFixed(1)} / ${w.p99Ms.toFixed(1)}`],
  ['acknowledged before and during the kill', (w) => String(w.acknowledged)],
  ['acknowledged, then lost', (w) => String(w.lost)],
  ['answered twice (one location, two books)', (w) => String(w.twice)],
  ['`PRAGMA integrity_check` after the restart', (w) => w.integrity],
];

const slowRows: [string, (s: SlowReaders) => string][] = [
  ['before', (s) => s.beforeMs.toFixed(0)],
  [
    `while the answers are made (asked ${ASKED_MS} ms after them)`,
    (s) => `${s.whileMadeMs.toFixed(0)} (all begun after ${s.madeS.toFixed(1)} s)`,
  ],
  ['while they sit unread', (s) => s.whileStalledMs.toFixed(0)],
  ['every answer whole when read on', (s) => (s.whole ? 'yes' : 'no')],
];

async function scenario<T>(runtime: RuntimeName, wiring: Wiring, body: (app: Server) => Promise<T>): Promise<T> {
  const app = await startServer({ id: runtime, kind: runtime }, { wiring, engine: DEFAULT_ENGINE.name });
  try {
    return await body(app);
  } finally {
    await app.stop();
  }
}

async function soak(runtime: RuntimeName): Promise<Soaked> {
  const lines = [...(await scenario(runtime, 'wit', abandoned)), ...(await scenario(runtime, 'chain', uploads))];
  const loop = await chainingLoop(runtime);
  const afterLoad: AfterLoad[] = [];
  for (const wiring of WIRING_NAMES) afterLoad.push(await scenario(runtime, wiring, memoryAfterLoad));
  const slow = await scenario(runtime, 'network', slowReaders);
  const writes = await writesThenKill(runtime);
  lines.push(
    ...loopLines(loop),
    `each wiring warmed (3 s at 2 connections), loaded (10 s at 32), then idle ${IDLE_AFTER_LOAD_S} s:`,
    ...afterLoad.map(afterLoadLine),
    ...slowLines(slow),
    ...writesLines(writes),
  );
  console.log(`\nnpm run soak on the ${runtime === 'spin' ? 'real Spin' : 'local runtime'}:\n${lines.join('\n')}`);
  return { runtime, loop, afterLoad, slow, writes };
}

main(async () => {
  const { values } = parseCommandLine(
    { options: { runtime: { type: 'string', default: 'local' } } },
    'usage: npm run soak -- [--runtime local|spin|both]',
  );
  const runtimes: RuntimeName[] = values.runtime === 'both' ? ['local', 'spin'] : isRuntime(values.runtime) ? [values.runtime] : [];
  if (runtimes.length === 0) throw new UserError(`--runtime is local, spin or both, not "${values.runtime}"`);
  for (const runtime of runtimes) checkRuntime(runtime);
  await buildAndCompose(['probe']);
  const runs: Soaked[] = [];
  for (const runtime of runtimes) runs.push(await soak(runtime));
  if (runs.length === 2) {
    await refreshDocSection(RECORD_PAGE, 'soak', soakRecord(runs, new Date().toISOString().slice(0, 10)));
    console.log(`\nRecorded the chaining loop, the memory after load, the slow readers and the writes in ${RECORD_PAGE}`);
  }
});
