// Sections of README.md that the scripts write themselves, between
// `<!-- <name>:start -->` and `<!-- <name>:end -->`: measured results and
// the conformance record, never prose.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './project.js';
import { UserError } from './cli.js';

export async function refreshReadmeSection(name: string, content: string): Promise<void> {
  const readme = join(ROOT, 'README.md');
  const text = await readFile(readme, 'utf8');
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new UserError(`README.md has no ${start} ... ${end} section to write into`);
  await writeFile(readme, `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`);
}
