// The benchmark's charts, as small self-contained SVG files: no library,
// nothing to load, readable on GitHub.
import { WIRING_ORDER } from './plan.js';
import { metric, type Measurement, type Metric } from './results.js';

const COLORS: Record<string, string> = { network: '#d1495b', chain: '#00798c', wit: '#edae49' };
const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { top: 40, right: 20, bottom: 66, left: 64 };

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function frame(title: string, body: string[]): string {
  const legend = WIRING_ORDER.map(
    (wiring, i) =>
      `<rect x="${MARGIN.left + i * 110}" y="${HEIGHT - 16}" width="12" height="12" fill="${COLORS[wiring]}"/><text x="${MARGIN.left + i * 110 + 18}" y="${HEIGHT - 6}">${wiring}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...body,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function yAxis(label: string, scale: (v: number) => number, ticks: number[]): string[] {
  return [
    `<text transform="translate(16 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(label)}</text>`,
    ...ticks.map(
      (t) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${scale(t)}" y2="${scale(t)}" stroke="#ddd"/><text x="${MARGIN.left - 6}" y="${scale(t) + 4}" text-anchor="end">${t >= 1000 ? `${t / 1000}k` : t}</text>`,
    ),
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#333"/>`,
  ];
}

function niceTicks(max: number): number[] {
  const step = 10 ** Math.floor(Math.log10(max || 1));
  const unit = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  return Array.from({ length: Math.floor(max / unit) + 2 }, (_, i) => i * unit);
}

/** Bars of a metric's median per wiring, grouped by concurrency, with whiskers from min to max across rounds. */
export function barChart(page: Measurement[], name: Metric, title: string, label: string): string {
  const max = Math.max(...page.flatMap((m) => WIRING_ORDER.map((w) => metric(m, w, name).max)).filter(Number.isFinite), 1);
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v: number): number => MARGIN.top + plotHeight * (1 - v / top);
  const groupWidth = (WIDTH - MARGIN.left - MARGIN.right) / page.length;
  const barWidth = (groupWidth * 0.7) / WIRING_ORDER.length;
  const bars = page.flatMap((m, g) => {
    const x0 = MARGIN.left + g * groupWidth + groupWidth * 0.15;
    return [
      `<text x="${MARGIN.left + (g + 0.5) * groupWidth}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${m.concurrency} connection${m.concurrency === 1 ? '' : 's'}</text>`,
      ...WIRING_ORDER.flatMap((wiring, i) => {
        const s = metric(m, wiring, name);
        const x = x0 + i * barWidth;
        const mid = x + barWidth / 2;
        return [
          `<rect x="${x + 2}" y="${y(s.median)}" width="${barWidth - 4}" height="${y(0) - y(s.median)}" fill="${COLORS[wiring]}"><title>${wiring}: ${s.median.toFixed(1)}</title></rect>`,
          `<line x1="${mid}" x2="${mid}" y1="${y(s.min)}" y2="${y(s.max)}" stroke="#222"/>`,
          `<text x="${mid}" y="${y(s.max) - 4}" text-anchor="middle" font-size="10">${s.median.toFixed(0)}</text>`,
        ];
      }),
    ];
  });
  return frame(title, [...yAxis(label, y, ticks), ...bars]);
}

/** CPU per request along the sweep's two axes, on a log scale, one line per wiring. */
export function sweepChart(sweep: Measurement[]): string {
  const panels: { title: string; axis: 'calls' | 'count'; points: Measurement[] }[] = [
    { title: 'calls per request (1 book each)', axis: 'calls', points: sweep.filter((m) => m.point?.count === 1) },
    { title: 'books per call (1 call)', axis: 'count', points: sweep.filter((m) => m.point?.calls === 1) },
  ];
  const values = sweep.flatMap((m) => WIRING_ORDER.map((w) => metric(m, w, 'cpu').median)).filter((v) => Number.isFinite(v) && v > 0);
  const low = 10 ** Math.floor(Math.log10(Math.min(...values, 1)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (v: number): number => MARGIN.top + plotHeight * (1 - (Math.log10(Math.max(v, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)));
  const ticks = Array.from({ length: Math.log10(high) - Math.log10(low) + 1 }, (_, i) => low * 10 ** i);
  const panelWidth = (WIDTH - MARGIN.left - MARGIN.right) / panels.length;
  const body = panels.flatMap((panel, p) => {
    const sorted = [...panel.points].sort((a, b) => (a.point?.[panel.axis] ?? 0) - (b.point?.[panel.axis] ?? 0));
    const x = (i: number): number => MARGIN.left + p * panelWidth + 30 + (i * (panelWidth - 60)) / Math.max(sorted.length - 1, 1);
    return [
      `<text x="${MARGIN.left + (p + 0.5) * panelWidth}" y="${HEIGHT - MARGIN.bottom + 34}" text-anchor="middle" font-style="italic">${esc(panel.title)}</text>`,
      ...sorted.map((m, i) => `<text x="${x(i)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${m.point?.[panel.axis]}</text>`),
      ...WIRING_ORDER.flatMap((wiring) => {
        const points = sorted.map((m, i) => `${x(i)},${y(metric(m, wiring, 'cpu').median)}`);
        return [
          `<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS[wiring]}" stroke-width="2"/>`,
          ...points.map((pt) => `<circle cx="${pt.split(',')[0]}" cy="${pt.split(',')[1]}" r="3" fill="${COLORS[wiring]}"/>`),
        ];
      }),
    ];
  });
  return frame('CPU time per request as the work grows (log scale)', [...yAxis('CPU ms per request', y, ticks), ...body]);
}
