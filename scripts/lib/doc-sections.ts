// Sections of the docs pages that the scripts write themselves, between
// `<!-- <name>:start -->` and `<!-- <name>:end -->`: measured results and
// the conformance record, never prose. A page is named from the repository's
// root ('docs/benchmark-results.md'); a link in what is written must work
// from that page, so pathFrom and linkFrom make them.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ROOT } from './project.js';
import { UserError } from './cli.js';

export async function refreshDocSection(page: string, name: string, content: string): Promise<void> {
  const file = join(ROOT, page);
  const text = await readFile(file, 'utf8');
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new UserError(`${page} has no ${start} ... ${end} section to write into`);
  await writeFile(file, `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`);
}

const posix = (path: string): string => path.split(sep).join('/');

/** The path from `page`'s directory to an absolute path, for a link or an image in that page. */
export function pathFrom(page: string, target: string): string {
  return posix(relative(dirname(join(ROOT, page)), target));
}

/** A Markdown link from `page` to an absolute path, shown by its path from the root. */
export function linkFrom(page: string, target: string): string {
  return `[${posix(relative(ROOT, target))}](${pathFrom(page, target)})`;
}
