// Asking the pairs: each answer carries the time its calls took, read by the
// caller from the monotonic clock inside the component, so that neither the
// instantiation of a request nor HTTP is in it. Every pair's answers are
// checked against the catalogue before anything is measured.
import type { Book } from 'bookserver:books/catalog@0.1.0';
import { books } from '../../../components/book-api/src/catalog.js';
import { UserError } from '../cli.js';
import type { Progress } from '../bench/progress.js';
import type { RuntimeName, ServedApp } from '../serve.js';
import { LIST_SHAPES, type Point, pointPath, type Shape, VIAS } from './plan.js';

/** What the caller answers. */
interface Answer {
  ns: number;
  /** Through the relay: books, strings or bytes received in all. */
  elements: number;
  /** Directly: UTF-16 code units of the titles and authors of the last answer. */
  digest: number;
}

export interface Sample extends Point {
  runtime: RuntimeName;
  pair: string;
  /** The median of the samples' in-guest times, and their range. */
  ns: number;
  minNs: number;
  maxNs: number;
}

async function ask(server: ServedApp, pair: string, point: Point): Promise<Answer> {
  const path = pointPath(pair, point);
  const response = await fetch(`${server.url}${path}`);
  const body = await response.text();
  if (response.status !== 200)
    throw new UserError(`${pair} on ${server.runtime} answers GET ${path} with ${response.status}: ${body.slice(0, 200)}`);
  return JSON.parse(body) as Answer;
}

function week(n: number): Book[] {
  const result = books(n);
  if (!result.ok) throw new Error(`no ${n} books`);
  return result.value;
}

/** What the relay counts for one call: the length of the answer's first list, or of its text. */
export function relayedElements(shape: Shape, n: number): number {
  switch (shape) {
    case 'nothing':
      return 0;
    case 'books':
    case 'columns':
      return n;
    case 'strings':
      return 2 * n;
    case 'json':
    case 'json-bytes':
      return Buffer.byteLength(JSON.stringify(week(n)));
  }
}

/** What the caller's digest of `n` books is. */
export const bookDigest = (n: number): number => week(n).reduce((sum, book) => sum + book.title.length + book.author.length, 0);

/** Every shape, both ways, from every pair on every server: the books the catalogue has, or an error naming the pair. */
export async function checkPairs(servers: readonly ServedApp[], pairs: readonly string[]): Promise<void> {
  const n = 10;
  const calls = 2;
  for (const server of servers)
    for (const pair of pairs)
      for (const shape of LIST_SHAPES)
        for (const via of VIAS) {
          const answer = await ask(server, pair, { shape, n, calls, via });
          const [got, expected] = via === 'direct' ? [answer.digest, bookDigest(n)] : [answer.elements, calls * relayedElements(shape, n)];
          if (got !== expected)
            throw new UserError(
              `${pair} on ${server.runtime}, ${shape} of ${n} books ${via}: ${via === 'direct' ? 'digest' : 'elements'} ${got}, expected ${expected}`,
            );
        }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Every point, `samples` times, from every pair on every server: the servers
 * and pairs take turns on each sample, and the order turns round on the
 * next, so that drift in the machine's speed hits them alike.
 */
export async function measurePoints(
  servers: readonly ServedApp[],
  pairs: readonly string[],
  points: readonly Point[],
  samples: number,
  progress: Progress,
): Promise<Sample[]> {
  const subjects = servers.flatMap((server) => pairs.map((pair) => ({ server, pair })));
  const results: Sample[] = [];
  for (const point of points) {
    const times = new Map(subjects.map((subject) => [subject, [] as number[]]));
    for (let s = 0; s < samples; s++) {
      const order = s % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) times.get(subject)?.push((await ask(subject.server, subject.pair, point)).ns);
    }
    for (const [{ server, pair }, ns] of times) {
      results.push({ ...point, runtime: server.runtime, pair, ns: median(ns), minNs: Math.min(...ns), maxNs: Math.max(...ns) });
    }
    progress.step(`${point.shape}, ${point.n} books, ${point.calls} calls, ${point.via}`);
  }
  return results;
}
