// The drawing both benchmark charts share: one canvas size, a title, a y
// axis with its grid, and legend rows under the plot.
const WIDTH = 760;
export const HEIGHT = 420;
export const MARGIN = { top: 40, right: 20, bottom: 90, left: 64 };
export const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
export const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
/** The baseline of the legend's last row; rows are LEGEND_ROW apart. */
export const LEGEND_Y = HEIGHT - 8;
export const LEGEND_ROW = 18;

export const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function svg(title: string, defs: string[], body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<defs>${defs.join('')}</defs>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

export function yAxis(label: string, scale: (v: number) => number, ticks: number[]): string[] {
  return [
    `<text transform="translate(16 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${esc(label)}</text>`,
    ...ticks.map(
      (t) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${scale(t)}" y2="${scale(t)}" stroke="#ddd"/><text x="${MARGIN.left - 6}" y="${scale(t) + 4}" text-anchor="end">${t >= 1000 ? `${t / 1000}k` : t}</text>`,
    ),
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" stroke="#333"/>`,
  ];
}

/** Round steps from 0 to just above `max`. */
export function niceTicks(max: number): number[] {
  const step = 10 ** Math.floor(Math.log10(max || 1));
  const unit = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  return Array.from({ length: Math.floor(max / unit) + 2 }, (_, i) => i * unit);
}
