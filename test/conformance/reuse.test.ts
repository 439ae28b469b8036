// What Spin's reuse of a WASI 0.3 instance keeps from one request to the
// next, seen from a guest (test/fixtures/reuse-probe answers how many
// requests its instance has served): a global outlives its request, so one
// request can see what the last one left. Spin only: the local runtime does
// not run WASI 0.3 yet, and says so (startup.test.ts).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/project.js';
import { ON_SPIN, serveApp } from './target.js';

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

describe.skipIf(!ON_SPIN)('a WASI 0.3 instance, reused', () => {
  it('keeps its globals from one request to the next, for 128 requests, then a fresh instance starts', async () => {
    const counts = await answers([], times(130));
    expect(counts).toEqual([...Array.from({ length: 128 }, (_, i) => i + 1), 1, 2]);
  }, 120_000);

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
