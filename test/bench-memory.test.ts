// `npm run bench:memory`: the shape of what it writes, never the figures.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MemoryResults } from '../scripts/lib/bench/memory.js';
import { npmBin, run } from '../scripts/lib/run.js';

describe('npm run bench:memory', () => {
  it('reads memory after each count of requests, for each variant asked, on a server of its own', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bench-memory-'));
    try {
      await run(npmBin('tsx'), ['scripts/bench-memory.ts', '--runtime', 'local', '--wiring', 'floor', '--wasi', '0.3', '--out', out]);
      const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as MemoryResults;
      expect(results.command).toBe('npm run bench:memory -- --runtime local --wiring floor --wasi 0.3');
      expect(results.after).toEqual([0, 1, 16, 64, 128, 129, 256, 1024]);
      expect(results.traces.map((t) => [t.runtime, t.wiring, t.build])).toEqual([
        ['local', 'floor', 'p3'],
        ['local', 'floor', 'p3-once'],
      ]);
      for (const trace of results.traces) {
        expect(trace.mib).toHaveLength(results.after.length);
        expect(trace.mib.every((mib) => mib > 0)).toBe(true);
      }
      const summary = await readFile(join(out, 'summary.md'), 'utf8');
      expect(summary).toMatch(/^\| variant +\| started \| 1 +\| 16 +\| 64 +\| 128 \| 129 \| 256 \| 1024 \|$/m);
      expect(summary).toMatch(/^\| floor\/p3-once \|( +\d+ +\|){8}$/m);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 240_000);

  it('names the wirings there are when --wiring names another', async () => {
    const failure = await run(npmBin('tsx'), ['scripts/bench-memory.ts', '--wiring', 'carrier-pigeon']).catch(
      (error: Error) => error.message,
    );
    expect(failure).toContain('--wiring must be one of floor, network, chain, wit, deps, chain-py, wit-py; "carrier-pigeon" is not');
  });
});
