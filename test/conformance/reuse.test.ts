// What Spin's reuse of a WASI 0.3 instance keeps from one request to the
// next, seen from a guest (test/fixtures/reuse-probe answers how many
// requests its instance has served): a global outlives its request, so one
// request can see what the last one left. The local runtime reuses as Spin
// does, with Spin's flags.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/project.js';
import { parseUpArgs } from '../../scripts/lib/up.js';
import { ON_SPIN, serveApp, titleWithLocalLimit } from './target.js';

const PROBE = join(ROOT, 'test', 'fixtures', 'manifests', 'reuse-probe.toml');

/** What the probe answers to each path in turn, one request after another: its count, or the status when it is not 200. */
async function answers(args: string[], paths: string[], pauseBefore: Record<number, number> = {}): Promise<(number | string)[]> {
  const app = await serveApp(PROBE, { args });
  try {
    const seen: (number | string)[] = [];
    for (const [index, path] of paths.entries()) {
      if (pauseBefore[index]) await new Promise((resolve) => setTimeout(resolve, pauseBefore[index]));
      const response = await fetch(`${app.url}${path}`);
      const body = await response.text();
      seen.push(response.status === 200 ? Number(body) : `${response.status}`);
    }
    return seen;
  } finally {
    await app.stop();
  }
}

const times = (count: number, path = '/'): string[] => Array.from({ length: count }, () => path);

/** A POST whose body stays open until `release`: its request holds an instance while the probe waits for the rest. */
function heldPost(url: string): { answer: Promise<string>; release: () => void } {
  let release = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('held'));
      release = () => controller.close();
    },
  });
  const answer = fetch(url, { method: 'POST', body, duplex: 'half' } as RequestInit).then((response) => response.text());
  return { answer, release: () => release() };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Three requests held open, then one more: the count each answers, the last one's first. */
async function sideBySide(args: string[]): Promise<number[]> {
  const app = await serveApp(PROBE, { args });
  try {
    const held = [];
    for (let i = 0; i < 3; i++) {
      held.push(heldPost(`${app.url}/`));
      await pause(300);
    }
    const last = Number(await (await fetch(`${app.url}/`)).text());
    for (const { release } of held) release();
    return [last, ...(await Promise.all(held.map(({ answer }) => answer))).map(Number)];
  } finally {
    await app.stop();
  }
}

describe('a WASI 0.3 instance, reused', () => {
  it('keeps its globals from one request to the next, for 128 requests, then a fresh instance starts', async () => {
    const counts = await answers([], times(130));
    expect(counts).toEqual([...Array.from({ length: 128 }, (_, i) => i + 1), 1, 2]);
  }, 120_000);

  it(titleWithLocalLimit(
    'serves requests side by side, up to 16 at once: one arriving while three wait is its fourth',
    'one at a time an instance, as jco-transpile 0.15 traps with two in flight in a composed one',
  ), async () => {
    expect(await sideBySide([])).toEqual(ON_SPIN ? [4, 1, 2, 3] : [1, 1, 1, 1]);
  }, 60_000);

  it('serves one request at a time with --max-instance-concurrent-reuse-count 1: each of four at once gets its own instance', async () => {
    expect(await sideBySide(['--max-instance-concurrent-reuse-count', '1'])).toEqual([1, 1, 1, 1]);
  }, 60_000);

  it('is dropped when it traps: the next request gets a fresh one', async () => {
    expect(await answers([], ['/', '/', '/trap', '/'])).toEqual([1, 2, '500', 1]);
  }, 60_000);

  it('is dropped once idle for --idle-instance-timeout', async () => {
    expect(await answers(['--idle-instance-timeout', '200ms'], ['/', '/', '/'], { 2: 1000 })).toEqual([1, 2, 1]);
  }, 60_000);

  it('serves once with --max-instance-reuse-count 1, as a WASI 0.2 instance does', async () => {
    expect(await answers(['--max-instance-reuse-count', '1'], times(3))).toEqual([1, 1, 1]);
  }, 60_000);

  it('is still reused with --request-timeout (Spin 4.1.0-pre0)', async () => {
    expect(await answers(['--request-timeout', '5s'], times(3))).toEqual([1, 2, 3]);
  }, 60_000);
});

describe.skipIf(ON_SPIN)('the reuse flags, as npm run up reads them', () => {
  it('takes Spin defaults, and a value given for each', () => {
    expect(parseUpArgs([], {}).limits.reuse).toEqual({ maxRequests: 128, maxConcurrent: 16, idleMs: 1000 });
    const given = ['--max-instance-reuse-count', '5', '--max-instance-concurrent-reuse-count', '2', '--idle-instance-timeout', '250ms'];
    expect(parseUpArgs(given, {}).limits.reuse).toEqual({ maxRequests: 5, maxConcurrent: 2, idleMs: 250 });
  });

  it('says at start-up that an instance serves one request at a time here, and why', async () => {
    const app = await serveApp(PROBE);
    try {
      expect(app.stdout()).toContain(
        "A WASI 0.3 instance serves 1 request at a time here, not 16 (--max-instance-concurrent-reuse-count): jco-transpile 0.15's bindings trap",
      );
    } finally {
      await app.stop();
    }
  }, 60_000);

  it('names the flag and the value it cannot take', () => {
    expect(() => parseUpArgs(['--max-instance-concurrent-reuse-count', '0'], {})).toThrow(
      '--max-instance-concurrent-reuse-count takes a whole number above 0; "0" is not',
    );
    expect(() => parseUpArgs(['--idle-instance-timeout', '1..8s'], {})).toThrow(
      '--idle-instance-timeout takes a duration such as 5, 5s or 500ms; "1..8s" is not',
    );
  });
});
