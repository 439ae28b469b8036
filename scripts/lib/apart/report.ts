// The apart benchmark's results as Markdown: the hop as measured, then for
// each runtime (Spin's first) what one client waits on every page and layout,
// and per path every layout beside together's: what one client waits and how
// many round trips each call to book-api paid, then throughput and CPU under
// load.
import { runtimeLabel, table } from '../markdown.js';
import { spread, type Spread } from '../bench/results.js';
import type { RuntimeName } from '../serve.js';
import type { HopProbe } from './hop.js';
import { callsOf, LAYOUTS, sameSubject, type Subject, subjectName } from './plan.js';
import type { ApartResults, ApartSample } from './results.js';

const fixed = (x: number | undefined, digits = 2): string => (x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : '–');

const FIGURES = {
  rps: (s) => s.requestsPerSecond,
  p50: (s) => s.latency.p50,
  p99: (s) => s.latency.p99,
  cpu: (s) => s.cpuMsPerRequest,
  proxyCpu: (s) => s.proxyCpuMsPerRequest,
  connections: (s) => s.connectionsPerRequest,
} satisfies Record<string, (s: ApartSample) => number | undefined>;
type Figure = keyof typeof FIGURES;

/** Where a figure is read: one path at one number of clients. */
export interface Load {
  path: string;
  clients: number;
}

/** A figure of one subject under one load, across rounds. */
export function figure(results: ApartResults, subject: Subject, load: Load, name: Figure): Spread {
  const values = results.samples
    .filter((s) => s.path === load.path && s.clients === load.clients && sameSubject(s, subject))
    .flatMap((s) => {
      const value = FIGURES[name](s);
      return value === undefined ? [] : [value];
    });
  return spread(values);
}

const median = (results: ApartResults, subject: Subject, load: Load, name: Figure): number => figure(results, subject, load, name).median;

/** The subjects of one runtime, in the report's order: together, composed, then apart at each round trip. */
export function subjectsOf(results: ApartResults, runtime: RuntimeName): Subject[] {
  const seen: Subject[] = [];
  for (const s of results.samples) {
    if (s.runtime === runtime && !seen.some((t) => sameSubject(t, s))) seen.push({ runtime, layout: s.layout, rttMs: s.rttMs });
  }
  return seen.sort((a, b) => LAYOUTS.indexOf(a.layout) - LAYOUTS.indexOf(b.layout) || (a.rttMs ?? 0) - (b.rttMs ?? 0));
}

/**
 * How many of the hop's round trips each call to book-api waited for, apart:
 * the p50 over apart's at the smallest round trip, per call, per round trip
 * added (as pinged). One for a call on a kept-alive connection; two when each
 * call opens a connection, whose handshake is a round trip more.
 */
export function roundTripsPerCall(results: ApartResults, subject: Subject, load: Load): number | undefined {
  const base = Math.min(...results.hop.flatMap((p) => (p.rttMs === undefined ? [] : [p.rttMs])));
  if (subject.layout !== 'apart' || subject.rttMs === undefined || subject.rttMs === base) return undefined;
  const [at, from] = [results.hop.find((p) => p.rttMs === subject.rttMs), results.hop.find((p) => p.rttMs === base)];
  if (!at || !from) return undefined;
  const waited = median(results, subject, load, 'p50') - median(results, { ...subject, rttMs: base }, load, 'p50');
  return waited / callsOf(load.path) / (at.p50Ms - from.p50Ms);
}

function hopTable(hop: readonly HopProbe[]): string {
  return table(
    ['between the pods', 'round trip p50 ms', 'p99 ms', 'added over the bare link, ms'],
    hop.map((p) => [
      p.rttMs === undefined ? 'the bare link' : `proxy, ${p.rttMs} ms asked`,
      fixed(p.p50Ms, 3),
      fixed(p.p99Ms, 3),
      p.rttMs === undefined ? '–' : fixed(p.addedMs, 3),
    ]),
  );
}

/** What one client waits at each path, every layout side by side: the trade-off at a glance. */
function glanceTable(results: ApartResults, runtime: RuntimeName, paths: readonly string[]): string {
  const subjects = subjectsOf(results, runtime);
  return table(
    ['page', ...subjects.map(subjectName)],
    paths.map((path) => {
      const calls = callsOf(path);
      const idle: Load = { path, clients: results.clients.idle };
      return [`${calls} call${calls === 1 ? '' : 's'}`, ...subjects.map((subject) => fixed(median(results, subject, idle, 'p50')))];
    }),
  );
}

function pathTable(results: ApartResults, runtime: RuntimeName, path: string): string {
  const idle: Load = { path, clients: results.clients.idle };
  const loaded: Load = { path, clients: results.clients.loaded };
  const together: Subject = { runtime, layout: 'together' };
  const rows = subjectsOf(results, runtime).map((subject) => {
    const rps = figure(results, subject, loaded, 'rps');
    return [
      subjectName(subject),
      `${fixed(median(results, subject, idle, 'p50'))} / ${fixed(median(results, subject, idle, 'p99'))}`,
      fixed(median(results, subject, idle, 'p50') - median(results, together, idle, 'p50')),
      fixed(roundTripsPerCall(results, subject, idle), 1),
      rps.min === rps.max ? fixed(rps.median, 0) : `${fixed(rps.median, 0)} (${fixed(rps.min, 0)}–${fixed(rps.max, 0)})`,
      `${fixed(median(results, subject, loaded, 'p50'))} / ${fixed(median(results, subject, loaded, 'p99'))}`,
      fixed(median(results, subject, loaded, 'cpu')),
      fixed(median(results, subject, loaded, 'proxyCpu')),
      fixed(median(results, subject, loaded, 'connections')),
    ];
  });
  const [one, many] = [results.clients.idle, results.clients.loaded];
  return table(
    [
      'layout',
      `${one} client: p50 / p99 ms`,
      'p50 over together, ms',
      'round trips per call',
      `${many} clients: req/s (min–max)`,
      'p50 / p99 ms',
      'app CPU ms/req',
      'proxy CPU ms/req',
      'connections/req',
    ],
    rows,
  );
}

export function markdown(results: ApartResults): string {
  const where =
    results.topology.kind === 'namespaces'
      ? "book-api and the frontend in network namespaces of their own, joined by a veth pair, the load from a third namespace over another; the round trip between them added by tools/latency-proxy, on the frontend's side of the hop. The together and composed layouts run in the frontend's namespace."
      : `**On loopback, not in namespaces** (${results.topology.reason}): both pods on this machine's loopback, the round trip added by tools/latency-proxy alone.`;
  const { machine: m, clients } = results;
  const paths = [...new Set(results.samples.map((s) => s.path))];
  const sections = results.runtimes.map((runtime) => {
    const tables = paths.map((path) => {
      const calls = callsOf(path);
      return `#### GET ${path} (${calls} call${calls === 1 ? '' : 's'} to book-api)\n\n${pathTable(results, runtime.name as RuntimeName, path)}`;
    });
    const glance = `What a user waits, p50 ms at ${results.clients.idle} client${results.clients.idle === 1 ? '' : 's'}:\n\n${glanceTable(results, runtime.name as RuntimeName, paths)}`;
    return `### ${runtimeLabel(runtime)}\n\n${glance}\n\n${tables.join('\n\n')}`;
  });
  return [
    `Measured on ${results.date.slice(0, 10)} with \`${results.command}\` (${results.plan} plan): ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}.`,
    where,
    `Clients in a closed loop, each sending its next request when the last is answered: ${clients.idle} for what a user waits while the app is idle, ${clients.loaded} for throughput and CPU under load. ${results.rounds} round${results.rounds === 1 ? '' : 's'} of ${results.seconds} s on each layout at each load, the runtimes taking turns; figures are medians across rounds. App CPU is both pods' apart; the proxy's is the network's. Round trips per call: how many of the hop's round trips each call to book-api waited for (1 on a kept-alive connection, 2 when each call opens one), from the p50 over the 0 ms hop: where the hop is a fraction of a millisecond that difference is within the rounds' spread, so read it there as a rough figure.`,
    `The hop, pinged from the frontend's side (one byte each way, one connection):\n\n${hopTable(results.hop)}`,
    ...sections,
  ].join('\n\n');
}
