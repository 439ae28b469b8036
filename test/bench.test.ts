// `npm run bench -- --quick`: the shape of what it writes, never its speed.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Results } from '../scripts/lib/bench/results.js';
import { npmBin, run } from '../scripts/lib/run.js';

describe('npm run bench -- --quick', () => {
  it('writes results, a summary and charts for every wiring', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bench-'));
    const printed = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--out', out]);
    expect(printed).toMatch(/^\[1\/\d+\] warm-up, network$/m);

    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results;
    expect(Object.keys(results.machine)).toEqual(['cpu', 'cores', 'memoryGiB', 'os', 'node']);
    expect(Object.keys(results.versions)).toEqual(expect.arrayContaining(['jco', 'componentize-js', 'wac']));
    expect(results.page.map((m) => m.concurrency)).toEqual([1, 4]);
    for (const m of [...results.page, ...results.sweep]) {
      expect(new Set(m.samples.map((s) => s.wiring))).toEqual(new Set(['network', 'chain', 'wit']));
      for (const s of m.samples) {
        expect(s.requests).toBeGreaterThan(0);
        expect(s.errors).toBe(0);
        expect(s.cpuMsPerRequest).toBeGreaterThan(0);
        expect(s.peakMemoryMiB).toBeGreaterThan(0);
      }
    }
    expect(results.sweep.map((m) => m.path)).toEqual(['/bench?calls=1&count=1', '/bench?calls=7&count=1', '/bench?calls=1&count=100']);

    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('| wiring  | req/s median (min–max) |');
    expect(summary).toMatch(/- wit \/ chain: throughput \d/);
    expect(summary).toMatch(/- network \/ chain: throughput \d/);
    expect(summary).toContain('CPU per call, instantiation of the outer request excluded');
    for (const chart of ['throughput', 'latency', 'sweep']) {
      expect(await readFile(join(out, `${chart}.svg`), 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\n$/);
    }
  }, 240_000);

  it('says clearly when --runtime spin has no spin to run', async () => {
    // Only Node on PATH, whatever the machine has installed.
    const env = { ...process.env, PATH: dirname(process.execPath) };
    const failure = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--runtime', 'spin'], { env }).catch((error: Error) => error.message);
    expect(failure).toContain('--runtime spin needs a `spin` command on PATH, and there is none');
  });
});
