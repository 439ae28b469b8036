// Reports as Markdown: tables aligned so that the same text reads well in a
// terminal and renders on GitHub.
import type { RuntimeVersion } from './bench/results.js';

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export const runtimeLabel = ({ name, version }: RuntimeVersion): string =>
  name === 'spin' ? `Spin ${version}` : `the local runtime (${version})`;
