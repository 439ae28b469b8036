// `.env` in the directory Spin runs in: where its environment provider looks
// for `SPIN_VARIABLE_*` that the process's environment does not have (the
// environment wins). Lines are `NAME=value` or `export NAME=value`; a value
// is taken as written, or between single quotes as is, or between double
// quotes with \n, \t, \" and \\ escapes; `#` starts a comment at the start
// of a line or, in an unquoted value, after a space.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError } from '../errors.js';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

function unquoted(raw: string, where: string): string {
  if (raw.startsWith("'")) {
    if (!raw.endsWith("'") || raw.length < 2) throw new StartupError(`${where}: a value opened with ' is not closed`);
    return raw.slice(1, -1);
  }
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2) throw new StartupError(`${where}: a value opened with " is not closed`);
    return raw.slice(1, -1).replace(/\\(.)/g, (whole, escaped: string) => ESCAPES[escaped] ?? whole);
  }
  return raw.replace(/\s+#.*$/, '');
}

/** The variables a `.env` text sets; a line that is none of the above stops the app, naming the file and the line. */
export function parseDotenv(text: string, file: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const where = `${file}:${i + 1}`;
    const match = line.match(LINE);
    if (!match) throw new StartupError(`${where}: not NAME=value`);
    values.set(match[1], unquoted(match[2], where));
  }
  return values;
}

/** `.env` in `dir` as variables, none when there is no such file. */
export async function readDotenv(dir: string = process.cwd()): Promise<Map<string, string>> {
  const file = join(dir, '.env');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new StartupError(`${file}: ${error.message}`);
  });
  return text === undefined ? new Map() : parseDotenv(text, file);
}
