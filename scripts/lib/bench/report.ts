// The benchmark's results as tables: Markdown, aligned so that the same text
// reads well in a terminal and renders on GitHub.
import { WIRING_ORDER } from './plan.js';
import { errors, marginalCost, metric, ratio, type Measurement, type Metric, type Results, type Spread } from './results.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

const fixed = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
/** Median, with the range across rounds when there was more than one. */
const ranged = (s: Spread, digits = 1): string => (s.min === s.max ? fixed(s.median, digits) : `${fixed(s.median, digits)} (${fixed(s.min, digits)}–${fixed(s.max, digits)})`);

function pageTable(m: Measurement): string {
  const rows = WIRING_ORDER.map((wiring) => [
    wiring,
    ranged(metric(m, wiring, 'rps')),
    `${fixed(metric(m, wiring, 'p50').median, 0)} / ${fixed(metric(m, wiring, 'p90').median, 0)} / ${fixed(metric(m, wiring, 'p99').median, 0)}`,
    ranged(metric(m, wiring, 'cpu'), 2),
    fixed(metric(m, wiring, 'memory').max, 0),
    String(errors(m, wiring)),
  ]);
  return table(['wiring', 'req/s median (min–max)', 'latency p50 / p90 / p99 ms', 'CPU ms per request', 'peak MiB', 'errors'], rows);
}

function ratioLines(m: Measurement): string {
  const line = (a: 'wit' | 'network', name: Metric, label: string): string => {
    const r = ratio(m, a, 'chain', name);
    return `${label} ${fixed(r.median, 2)} (${fixed(r.min, 2)}–${fixed(r.max, 2)})`;
  };
  return [
    `- wit / chain: ${line('wit', 'rps', 'throughput')}, ${line('wit', 'p50', 'p50 latency')}, ${line('wit', 'cpu', 'CPU per request')}`,
    `- network / chain: ${line('network', 'rps', 'throughput')}, ${line('network', 'p50', 'p50 latency')}, ${line('network', 'cpu', 'CPU per request')}`,
  ].join('\n');
}

function sweepTable(sweep: Measurement[]): string {
  const rows = sweep.map((m) => [
    String(m.point?.calls ?? ''),
    String(m.point?.count ?? ''),
    ...WIRING_ORDER.map((wiring) => {
      const failed = errors(m, wiring);
      return `${fixed(metric(m, wiring, 'cpu').median, 2)} ms, p50 ${fixed(metric(m, wiring, 'p50').median, 0)} ms${failed ? `, ${failed} errors` : ''}`;
    }),
  ]);
  return table(['calls', 'books per call', ...WIRING_ORDER.map((w) => `${w}: CPU per request, p50 latency`)], rows);
}

function marginalLines(sweep: Measurement[]): string {
  const per = (axis: 'calls' | 'count', unit: string, digits: number): string =>
    WIRING_ORDER.map((wiring) => `${wiring} ${fixed(marginalCost(sweep, wiring, axis) ?? NaN, digits)} ms`).join(', ') + ` per extra ${unit}`;
  return [`- CPU per call, instantiation of the outer request excluded: ${per('calls', 'call', 3)}`, `- CPU per book in the payload: ${per('count', 'book', 5)}`].join('\n');
}

export function markdown(results: Results): string {
  const { machine, versions } = results;
  return [
    `Measured on ${results.date.slice(0, 10)} with \`${results.command}\` (${results.plan} plan, ${results.runtime} runtime):`,
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node};`,
    Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ') + '.',
    '',
    ...results.page.flatMap((m) => [`**GET ${m.path}, ${m.concurrency} connection${m.concurrency === 1 ? '' : 's'}**, ${m.samples.length / WIRING_ORDER.length} rounds`, '', pageTable(m), '', ratioLines(m), '']),
    `**Work-size sweep**: GET /bench?calls=N&count=M, ${results.sweep[0]?.concurrency ?? 0} connections`,
    '',
    sweepTable(results.sweep),
    '',
    marginalLines(results.sweep),
    '',
  ].join('\n');
}
