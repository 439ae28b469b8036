// `npm run bench:replicas`: its plan, and a quick run on loopback that shows
// what the benchmark exists to show: on a SQLite file each, replica B does
// not have the book written through replica A; on one Redis server it does.
// Never its speed. The namespaces are tested with bench:apart's (apart.test.ts).
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redisMissing } from '../scripts/lib/redis.js';
import { FULL, OPERATIONS, QUICK, roundOrder, storeName, storesOf } from '../scripts/lib/replicas/plan.js';
import type { ReplicasResults } from '../scripts/lib/replicas/report.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { withRedis } from './support/redis.js';

describe('the replicas plan', () => {
  it('compares a SQLite file each with Redis at 0, 0.2 and 1 ms, the runtimes taking turns', () => {
    expect(storesOf(FULL).map(storeName)).toEqual(['a SQLite file each', 'Redis, 0 ms', 'Redis, 0.2 ms', 'Redis, 1 ms']);
    const firsts = [0, 1].map((round) => roundOrder(['spin', 'local'], FULL, round)[0].runtime);
    expect(firsts).toEqual(['spin', 'local']);
  });
});

describe.skipIf(redisMissing() !== undefined)(withRedis('npm run bench:replicas -- --quick --loopback --runtime local'), () => {
  it('shows a book written through one replica read through the other on Redis alone, and times every operation', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bench-replicas-'));
    const PATH = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => dir && !existsSync(join(dir, 'spin')))
      .join(delimiter);
    const printed = await run(npmBin('tsx'), ['scripts/bench-replicas.ts', '--quick', '--loopback', '--runtime', 'local', '--out', out], {
      env: { ...process.env, PATH },
    });
    expect(printed).toContain('On loopback: --loopback was given');
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ReplicasResults;
    expect(results.samples.map((s) => `${storeName(s.store)}: ${s.readThroughOther}`)).toEqual([
      'a SQLite file each: 404',
      ...QUICK.rttMs.map((rttMs) => `Redis, ${rttMs} ms: 200`),
    ]);
    for (const s of results.samples) {
      for (const operation of OPERATIONS) {
        const measured = s.operations[operation];
        expect(measured.p50Ms, `${storeName(s.store)} ${operation}`).toBeGreaterThan(0);
        // Only a Redis store sends the server commands; every operation sends some.
        expect(measured.redisCommands === undefined || measured.redisCommands > 0, `${storeName(s.store)} ${operation}`).toBe(true);
        expect(measured.redisCommands === undefined, `${storeName(s.store)} ${operation}`).toBe(s.store.kind === 'sqlite');
      }
    }
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('**On loopback, not in namespaces** (--loopback was given)');
    expect(summary).toMatch(/\| Redis, 1 ms +\| 200 +\|/);
  }, 300_000);
});
