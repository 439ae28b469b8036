// Asking the pairs: each answer carries the time its calls took, read by the
// caller from the monotonic clock inside the component, so that neither the
// instantiation of a request nor HTTP is in it. Every pair's answers are
// checked against the catalogue before anything is measured.
import { week } from '../../../bench/crossings/week.js';
import { UserError } from '../cli.js';
import type { Progress } from '../bench/progress.js';
import type { RuntimeName, ServedApp } from '../serve.js';
import { type Point, pointPath, type Sweep } from './plan.js';

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

/** What the relay counts for one call: the length of the answer's first list, or of its text (a form's as its shape's). */
export function relayedElements(shape: Point['shape'], n: number): number {
  switch (shape) {
    case 'nothing':
    case 'nothing-async':
      return 0;
    case 'books':
    case 'books-async':
    case 'books-stream':
    case 'books-stream-each':
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

/** Every shape of the sweep's sizes, each way it asks, from every pair on every server: the books the catalogue has, or an error naming the pair. */
export async function checkPairs(servers: readonly ServedApp[], pairs: readonly string[], sweep: Sweep): Promise<void> {
  const n = 10;
  const calls = 2;
  for (const server of servers)
    for (const pair of pairs)
      for (const shape of sweep.sizes)
        for (const via of sweep.vias) {
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
 * Every round of points (rounds() in plan.ts), `samples` times, from every
 * pair on every server: the servers, pairs and the round's points take
 * turns on each sample, and the order turns round on the next, so that
 * drift in the machine's speed hits them alike.
 */
export async function measurePoints(
  servers: readonly ServedApp[],
  pairs: readonly string[],
  rounds: readonly (readonly Point[])[],
  samples: number,
  progress: Progress,
): Promise<Sample[]> {
  const results: Sample[] = [];
  for (const round of rounds) {
    const subjects = servers.flatMap((server) => pairs.flatMap((pair) => round.map((point) => ({ server, pair, point }))));
    const times = new Map(subjects.map((subject) => [subject, [] as number[]]));
    for (let s = 0; s < samples; s++) {
      const order = s % 2 === 0 ? subjects : [...subjects].reverse();
      for (const subject of order) times.get(subject)?.push((await ask(subject.server, subject.pair, subject.point)).ns);
    }
    for (const [{ server, pair, point }, ns] of times) {
      results.push({ ...point, runtime: server.runtime, pair, ns: median(ns), minNs: Math.min(...ns), maxNs: Math.max(...ns) });
    }
    const [{ n, calls, via }] = round;
    progress.step(`${round.map((point) => point.shape).join(', ')}, ${n} books, ${calls} calls, ${via}`);
  }
  return results;
}
