// Which request waiting for a worker goes next (runtime/executor/
// request-queue.ts): urgent ones first, then components in turn, each
// component's in the order they came; and, over HTTP on the local runtime,
// a page asked for during a burst of large answers from book-api is
// answered before the burst has all been served.
import { describe, expect, it } from 'vitest';
import { RequestQueue } from '../runtime/executor/request-queue.js';
import { freePortOnLoopback } from '../scripts/lib/net.js';
import { manifestOf } from '../scripts/lib/project.js';
import { serve } from '../scripts/lib/serve.js';
import { LARGE_ANSWER } from '../scripts/lib/slow-readers.js';

interface Job {
  name: string;
  component: string;
  urgent?: boolean;
}

/** Every job's name, in the order the queue gives them out. */
function drain(queue: RequestQueue<Job>): string[] {
  const order: string[] = [];
  for (let job = queue.next(); job; job = queue.next()) {
    queue.take(job);
    order.push(job.name);
  }
  return order;
}

describe('the request queue', () => {
  it('gives components turns, each one’s requests in the order they came', () => {
    const queue = new RequestQueue<Job>();
    for (const name of ['a1', 'a2', 'a3', 'b1', 'a4', 'c1', 'b2']) queue.push({ name, component: name[0] });
    expect(drain(queue)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('remembers whose turn it was across bursts', () => {
    const queue = new RequestQueue<Job>();
    queue.push({ name: 'a1', component: 'a' });
    expect(drain(queue)).toEqual(['a1']);
    for (const name of ['a2', 'b1']) queue.push({ name, component: name[0] });
    expect(drain(queue)).toEqual(['b1', 'a2']);
  });

  it('puts a request a guest waits for ahead of all, the newest first', () => {
    const queue = new RequestQueue<Job>();
    queue.push({ name: 'a1', component: 'a' });
    queue.push({ name: 'u1', component: 'a', urgent: true });
    queue.push({ name: 'b1', component: 'b' });
    queue.push({ name: 'u2', component: 'b', urgent: true });
    // Then the turns: b was served before a (u2 before u1), so b's goes first.
    expect(drain(queue)).toEqual(['u2', 'u1', 'b1', 'a1']);
  });

  it('drops a request taken out, and says whether it was there', () => {
    const queue = new RequestQueue<Job>();
    const gone = { name: 'a1', component: 'a' };
    queue.push(gone);
    queue.push({ name: 'a2', component: 'a' });
    expect([queue.remove(gone), queue.remove(gone)]).toEqual([true, false]);
    expect(drain(queue)).toEqual(['a2']);
  });
});

describe('a page during a burst of large answers (local runtime)', () => {
  it('is answered before the burst has all begun', async () => {
    const port = await freePortOnLoopback();
    const app = await serve({
      runtime: 'local',
      manifest: manifestOf('network'),
      port,
      env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` },
    });
    try {
      const begun: number[] = [];
      const burst = Array.from({ length: 20 }, async () => {
        const answer = await fetch(`${app.url}${LARGE_ANSWER}`);
        begun.push(performance.now());
        await answer.arrayBuffer();
      });
      // Once the burst's requests are in.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const page = await fetch(`${app.url}/?weekday=3`);
      expect(await page.text()).toMatch(/^Today's book is /);
      const answered = performance.now();
      await Promise.all(burst);
      expect(begun.filter((at) => at > answered).length).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  }, 180_000);
});
