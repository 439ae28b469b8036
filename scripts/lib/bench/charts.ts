// The benchmark's charts, as small self-contained SVG files: no library,
// nothing to load, readable on GitHub. Each wiring has its colour, paler
// with book-api on another engine than the default, darker on WASI 0.3; Spin is drawn solid and
// the local runtime hatched (bars) or dashed (lines), on another Node than
// the benchmark's own hatched the other way or dotted.
import { DEFAULT_ENGINE, ENGINES } from '../project.js';
import { type BenchWiring, beyondThePage, otherNodeOf, type RuntimeId, type Subject, type Variant, variantName } from './plan.js';
import { metric, type Measurement, type Metric } from './results.js';
import { esc, HEIGHT, LEGEND_ROW, LEGEND_Y, MARGIN, niceTicks, PLOT_HEIGHT, PLOT_WIDTH, svg, yAxis } from './svg.js';

const COLORS: Record<BenchWiring, string> = {
  floor: '#888888',
  network: '#d1495b',
  chain: '#00798c',
  wit: '#edae49',
  deps: '#66a182',
  'chain-py': '#30638e',
  'wit-py': '#8e5572',
};
/** `color` mixed with `toward` (0 to 255 in each channel) by `amount` (0 to 1). */
function mix(color: string, toward: number, amount: number): string {
  const channel = (at: number): string => {
    const value = Number.parseInt(color.slice(at, at + 2), 16);
    return Math.round(value + (toward - value) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** How much darker a WASI 0.3 build is drawn than its wiring. */
const DARKER: Record<NonNullable<Variant['build']>, number> = { p3: 0.3, 'p3-once': 0.55 };

/** A wiring's colour, mixed with white the further its engine is down ENGINES, and with black on WASI 0.3. */
function colorOf({ wiring, engine, build }: Variant): string {
  if (build) return mix(COLORS[wiring], 0, DARKER[build]);
  const pale = ENGINES.findIndex((e) => e.name === engine) * 0.35;
  if (engine === DEFAULT_ENGINE.name || pale <= 0) return COLORS[wiring];
  return mix(COLORS[wiring], 255, pale);
}
/** The legend's runtime swatches: a colour no wiring has. */
const NEUTRAL = '#555';
const onOtherNode = (runtime: RuntimeId): boolean => otherNodeOf(runtime) !== undefined;
const runtimeTitle = (runtime: RuntimeId): string =>
  runtime === 'spin' ? 'Spin' : onOtherNode(runtime) ? `local runtime, Node ${otherNodeOf(runtime)}` : 'local runtime';

const hatchId = (color: string, angle: number): string => `hatch-${color.slice(1)}-${angle < 0 ? 'back' : 'forward'}`;
const hatch = (color: string, angle: number): string =>
  `<pattern id="${hatchId(color, angle)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(${angle})"><rect width="6" height="6" fill="white"/><rect width="3" height="6" fill="${color}"/></pattern>`;
const hatches = (variants: readonly Variant[]): string[] =>
  [...new Set([...variants.map(colorOf), NEUTRAL])].flatMap((color) => [hatch(color, 45), hatch(color, -45)]);

const barFill = (runtime: RuntimeId, color: string): string =>
  runtime === 'spin' ? `fill="${color}"` : `fill="url(#${hatchId(color, onOtherNode(runtime) ? -45 : 45)})" stroke="${color}"`;
const lineDash = (runtime: RuntimeId): string => (runtime === 'spin' ? '' : ` stroke-dasharray="${onOtherNode(runtime) ? '2 3' : '6 4'}"`);
const pointFill = (runtime: RuntimeId, color: string): string => (runtime === 'spin' ? color : 'white');

/** Every (variant, runtime), variant by variant. */
const subjects = (runtimes: readonly RuntimeId[], variants: readonly Variant[]): Subject[] =>
  variants.flatMap((variant) => runtimes.map((runtime) => ({ runtime, ...variant })));

const KEYS_PER_ROW = 7;

/** The variants' colours, seven to a row, then one swatch per runtime (two places each), drawn by `swatch` at `x`. */
function legend(
  runtimes: readonly RuntimeId[],
  variants: readonly Variant[],
  swatch: (runtime: RuntimeId, x: number, y: number) => string,
): string[] {
  // A runtime's key takes two places: its name is longer.
  const rows = Math.ceil((variants.length + 2 * runtimes.length) / KEYS_PER_ROW);
  const at = (i: number): { x: number; y: number } => ({
    x: MARGIN.left + (i % KEYS_PER_ROW) * 94,
    y: LEGEND_Y - (rows - 1 - Math.floor(i / KEYS_PER_ROW)) * LEGEND_ROW,
  });
  const keys = variants.map((variant, i) => {
    const { x, y } = at(i);
    return `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${colorOf(variant)}"/><text x="${x + 18}" y="${y}">${variantName(variant)}</text>`;
  });
  const kinds = runtimes.map((runtime, j) => {
    const { x, y } = at(variants.length + 2 * j);
    return `${swatch(runtime, x, y)}<text x="${x + 30}" y="${y}">${runtimeTitle(runtime)}</text>`;
  });
  return [...keys, ...kinds];
}

/**
 * Bars of a metric's median, grouped by concurrency, one pair per wiring
 * (Spin, then the local runtime), with whiskers from min to max across rounds.
 */
export function barChart(
  page: Measurement[],
  runtimes: readonly RuntimeId[],
  variants: readonly Variant[],
  name: Metric,
  title: string,
  label: string,
): string {
  const max = Math.max(...page.flatMap((m) => subjects(runtimes, variants).map((s) => metric(m, s, name).max)).filter(Number.isFinite), 1);
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const y = (v: number): number => MARGIN.top + PLOT_HEIGHT * (1 - v / top);
  const groupWidth = PLOT_WIDTH / page.length;
  // A variant's bars touch; half a bar's gap sets the variants apart.
  const slot = (groupWidth * 0.85) / (variants.length * (runtimes.length + 0.5));
  const bars = page.flatMap((m, g) => {
    const x0 = MARGIN.left + g * groupWidth + groupWidth * 0.075;
    return [
      `<text x="${MARGIN.left + (g + 0.5) * groupWidth}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${m.concurrency} connection${m.concurrency === 1 ? '' : 's'}</text>`,
      ...variants.flatMap((variant, i) =>
        runtimes.flatMap((runtime, j) => {
          const s = metric(m, { runtime, ...variant }, name);
          const x = x0 + (i * (runtimes.length + 0.5) + j + 0.25) * slot;
          const mid = x + slot / 2;
          return [
            `<rect x="${x + 1}" y="${y(s.median)}" width="${slot - 2}" height="${y(0) - y(s.median)}" ${barFill(runtime, colorOf(variant))}><title>${variantName(variant)} on ${runtimeTitle(runtime)}: ${s.median.toFixed(1)}</title></rect>`,
            `<line x1="${mid}" x2="${mid}" y1="${y(s.min)}" y2="${y(s.max)}" stroke="#222"/>`,
            `<text x="${mid}" y="${y(s.max) - 4}" text-anchor="middle" font-size="10">${s.median.toFixed(0)}</text>`,
          ];
        }),
      ),
    ];
  });
  const swatch = (runtime: RuntimeId, x: number, at: number): string =>
    `<rect x="${x}" y="${at - 10}" width="24" height="12" ${barFill(runtime, NEUTRAL)}/>`;
  return svg(title, hatches(variants), [...yAxis(label, y, ticks), ...bars, ...legend(runtimes, variants, swatch)]);
}

/** CPU per request along the sweep's two axes, on a log scale, one line per variant and runtime. */
export function sweepChart(sweep: Measurement[], runtimes: readonly RuntimeId[], all: readonly Variant[]): string {
  const variants = beyondThePage(all);
  const panels: { title: string; axis: 'calls' | 'count'; points: Measurement[] }[] = [
    { title: 'calls per request (1 book each)', axis: 'calls', points: sweep.filter((m) => m.point?.count === 1) },
    { title: 'books per call (1 call)', axis: 'count', points: sweep.filter((m) => m.point?.calls === 1) },
  ];
  const values = sweep
    .flatMap((m) => subjects(runtimes, variants).map((s) => metric(m, s, 'cpu').median))
    .filter((v) => Number.isFinite(v) && v > 0);
  const low = 10 ** Math.floor(Math.log10(Math.min(...values, 1)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const y = (v: number): number =>
    MARGIN.top + PLOT_HEIGHT * (1 - (Math.log10(Math.max(v, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)));
  const ticks = Array.from({ length: Math.log10(high) - Math.log10(low) + 1 }, (_, i) => low * 10 ** i);
  const panelWidth = PLOT_WIDTH / panels.length;
  const body = panels.flatMap((panel, p) => {
    const sorted = [...panel.points].sort((a, b) => (a.point?.[panel.axis] ?? 0) - (b.point?.[panel.axis] ?? 0));
    const x = (i: number): number => MARGIN.left + p * panelWidth + 30 + (i * (panelWidth - 60)) / Math.max(sorted.length - 1, 1);
    return [
      `<text x="${MARGIN.left + (p + 0.5) * panelWidth}" y="${HEIGHT - MARGIN.bottom + 34}" text-anchor="middle" font-style="italic">${esc(panel.title)}</text>`,
      ...sorted.map((m, i) => `<text x="${x(i)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${m.point?.[panel.axis]}</text>`),
      ...subjects(runtimes, variants).flatMap((subject) => {
        const points = sorted.map((m, i) => ({ x: x(i), y: y(metric(m, subject, 'cpu').median) }));
        const color = colorOf(subject);
        const { runtime } = subject;
        return [
          `<polyline points="${points.map((pt) => `${pt.x},${pt.y}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${lineDash(runtime)}/>`,
          ...points.map(
            (pt) => `<circle cx="${pt.x}" cy="${pt.y}" r="3" fill="${pointFill(runtime, color)}" stroke="${color}" stroke-width="1.5"/>`,
          ),
        ];
      }),
    ];
  });
  const swatch = (runtime: RuntimeId, x: number, at: number): string =>
    `<line x1="${x}" x2="${x + 24}" y1="${at - 4}" y2="${at - 4}" stroke="${NEUTRAL}" stroke-width="2"${lineDash(runtime)}/>`;
  return svg(
    'CPU time per request as the work grows (log scale)',
    [],
    [...yAxis('CPU ms per request', y, ticks), ...body, ...legend(runtimes, variants, swatch)],
  );
}
