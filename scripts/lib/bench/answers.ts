// Numbers are only worth having when every server gives the right answer:
// each benchmarked request answers as it should (200, or 201 for a write), with
// the same bytes on every variant (or layout) and every runtime. Checked once,
// before any load (a write is then made once on each).
import { UserError } from '../cli.js';
import type { Sent } from './load.js';

/** A request the benchmark makes, and the status that means it worked. */
export interface Asked {
  path: string;
  sent?: Sent;
  status: number;
}

/** A GET of `path`, answered 200. */
export const read = (path: string): Asked => ({ path, status: 200 });

/** A server as a report names it: `chain on spin`. */
export interface Answering {
  url: string;
  name: string;
}

/** Where two answers part, with a little of each around that byte. */
function difference(a: Buffer, b: Buffer): string {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const excerpt = (body: Buffer): string => JSON.stringify(body.subarray(Math.max(at - 20, 0), at + 60).toString('utf8'));
  return `${a.length} bytes against ${b.length}, first differing at byte ${at}: ${excerpt(a)} against ${excerpt(b)}`;
}

const describe = ({ path, sent }: Asked): string => `${sent?.method ?? 'GET'} ${path}`;

async function answer(server: Answering, asked: Asked): Promise<{ server: Answering; body: Buffer }> {
  const { sent } = asked;
  const response = await fetch(`${server.url}${asked.path}`, sent && { method: sent.method, headers: sent.headers, body: sent.body });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== asked.status)
    throw new UserError(`${server.name} answers ${describe(asked)} with ${response.status}: ${body.toString('utf8').slice(0, 200)}`);
  return { server, body };
}

export async function checkAnswers(servers: readonly Answering[], requests: readonly Asked[]): Promise<void> {
  for (const asked of requests) {
    const [first, ...others] = await Promise.all(servers.map((server) => answer(server, asked)));
    const other = others.find(({ body }) => !body.equals(first.body));
    if (other)
      throw new UserError(
        `${other.server.name} answers ${describe(asked)} otherwise than ${first.server.name}: ${difference(first.body, other.body)}`,
      );
  }
}
