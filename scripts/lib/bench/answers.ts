// Numbers are only worth having when every server gives the right answer:
// each benchmarked path answers 200, with the same bytes on every variant (or
// layout) and every runtime. Checked once, before any load.
import { UserError } from '../cli.js';

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

async function answer(server: Answering, path: string): Promise<{ server: Answering; body: Buffer }> {
  const response = await fetch(`${server.url}${path}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200)
    throw new UserError(`${server.name} answers GET ${path} with ${response.status}: ${body.toString('utf8').slice(0, 200)}`);
  return { server, body };
}

export async function checkAnswers(servers: readonly Answering[], paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const [first, ...others] = await Promise.all(servers.map((server) => answer(server, path)));
    const other = others.find(({ body }) => !body.equals(first.body));
    if (other)
      throw new UserError(
        `${other.server.name} answers GET ${path} otherwise than ${first.server.name}: ${difference(first.body, other.body)}`,
      );
  }
}
