// Clients that stop reading do not hold the server: 40 clients each ask
// book-api for 100,000 books (about 5.7 MB) and stop reading after the first
// bytes; once every answer has begun, another client's page is answered
// within a second, and each slow client, when it reads again, gets its
// whole answer. A slow reader costs its connection and the bytes of its
// answer, never a worker: the local runtime hands each answer, whole, to the
// connection once the guest has made it; Spin writes it as the client reads.
// (Making 40 such answers takes the CPU for seconds on both runtimes, and a
// page asked for meanwhile waits: that is what `npm run soak` measures.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import { manifestOf } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { LARGE_ANSWER, slowReader } from '../../scripts/lib/slow-readers.js';
import { serveApp } from './target.js';

const READERS = 40;

describe(`${READERS} clients that stop reading a 5.7 MB answer`, () => {
  let app: ServedApp;
  beforeAll(async () => {
    const port = await freePortOnLoopback();
    app = await serveApp(manifestOf('network'), { port, env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('leave another client’s page answered within a second, and each get its whole answer when they read on', async () => {
    const whole = Buffer.from(await (await fetch(`${app.url}${LARGE_ANSWER}`)).arrayBuffer());
    const readers = Array.from({ length: READERS }, () => slowReader(app.port));
    await Promise.all(readers.map((reader) => reader.begun));

    const started = performance.now();
    const page = await fetch(`${app.url}/?weekday=3`, { signal: AbortSignal.timeout(10_000) });
    const text = await page.text();
    const ms = performance.now() - started;
    expect({ status: page.status, text: text.slice(0, 16), withinASecond: ms < 1000 }).toEqual({
      status: 200,
      text: "Today's book is ",
      withinASecond: true,
    });

    for (const reader of readers) {
      const { bytes, reset } = await reader.readOn();
      expect(reset).toBe(false);
      expect(bytes.subarray(0, 12).toString()).toBe('HTTP/1.1 200');
      // The body, whole, ends the bytes received (however the answer is framed: Spin's carries its length too).
      expect(bytes.subarray(bytes.length - whole.length).equals(whole)).toBe(true);
    }
  }, 240_000);
});
