// The WASI 0.3 crossings (npm run bench:wit -- --wasi 0.3): its pair answers
// on the local runtime, carrying the same books in every form of the
// contract's function, and a quick run writes its report; never its speed.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMS_PAIRS } from '../scripts/lib/crossings/guests.js';
import { writeCrossingsManifest } from '../scripts/lib/crossings/manifest.js';
import { bookDigest, checkPairs } from '../scripts/lib/crossings/measure.js';
import { FORMS_SWEEP, points, QUICK } from '../scripts/lib/crossings/plan.js';
import type { CrossingsResults } from '../scripts/lib/crossings/report.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { type ServedApp, serve } from '../scripts/lib/serve.js';

const [pair] = FORMS_PAIRS;

describe('the WASI 0.3 pair on the local runtime', () => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serve({ runtime: 'local', manifest: await writeCrossingsManifest(FORMS_PAIRS, 'crossings-p3') });
  });
  afterAll(async () => {
    await app?.stop();
  });
  const ask = async (query: string) => {
    const response = await fetch(`${app.url}/${pair.id}?${query}`);
    return { status: response.status, body: await response.text() };
  };

  it('hands out the same books as a list, synchronous and async, and as a stream', async () => {
    await expect(checkPairs([app], [pair.id], FORMS_SWEEP)).resolves.toBeUndefined();
  });

  it.each(['books', 'books-async', 'books-stream', 'books-stream-each'])(
    'answers %s with the time, and what the last call brought',
    async (form) => {
      const answer = JSON.parse((await ask(`shape=${form}&n=9&calls=3`)).body);
      expect(answer).toMatchObject({ shape: form, n: 9, calls: 3, via: 'direct', elements: 0, digest: bookDigest(9) });
      expect(answer.ns).toBeGreaterThan(0);
    },
  );

  it.each(['nothing', 'nothing-async'])('answers %s, which brings no books', async (form) => {
    expect(JSON.parse((await ask(`shape=${form}&calls=3`)).body)).toMatchObject({ shape: form, calls: 3, digest: 0 });
  });

  it('refuses what it cannot measure, naming the parameter', async () => {
    expect(await ask('shape=json')).toEqual({
      status: 400,
      body: 'query parameter "shape" must be one of nothing, nothing-async, books, books-async, books-stream, books-stream-each, got "json"',
    });
    expect((await ask('shape=books-stream&n=0')).body).toBe('query parameter "n" must be from 1 to 100000, got "0"');
  });
});

describe('npm run bench:wit -- --wasi 0.3 --quick', () => {
  it('measures every form at every point and writes its report', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bench-wit-p3-'));
    await run(npmBin('tsx'), ['scripts/bench-wit.ts', '--wasi', '0.3', '--quick', '--runtime', 'local', '--out', out]);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as CrossingsResults;
    expect(results.command).toBe('npm run bench:wit -- --quick --runtime local --wasi 0.3');
    expect(results.pairs).toEqual([pair.id]);
    expect(results.results).toHaveLength(points(QUICK, FORMS_SWEEP).length);
    expect(results.results.every((s) => s.ns > 0 && s.minNs <= s.ns && s.ns <= s.maxNs)).toBe(true);
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    for (const row of ['`func(n: u32) -> list<book>`', '`async func(n: u32) -> stream<book>`', '`async func()` ÷ `func()`'])
      expect(summary).toContain(`| ${row}`);
  }, 600_000);
});
