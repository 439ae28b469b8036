// The crossings benchmark (npm run bench:wit): its manifest, its guests'
// answers on the local runtime, the arithmetic that splits a cost by side,
// and the shape of what a quick run writes; never its speed.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../runtime/index.js';
import { slope, split, UNITS } from '../scripts/lib/crossings/analysis.js';
import { CALLERS, EXPORTERS, PAIRS } from '../scripts/lib/crossings/guests.js';
import { writeCrossingsManifest } from '../scripts/lib/crossings/manifest.js';
import { bookDigest, checkPairs, relayedElements, type Sample } from '../scripts/lib/crossings/measure.js';
import {
  BOOK_FORMS,
  CALL_FORMS,
  FORMS_SWEEP,
  LIST_SHAPES,
  points,
  QUICK,
  rounds,
  SHAPES_SWEEP,
  VIAS,
} from '../scripts/lib/crossings/plan.js';
import type { CrossingsResults } from '../scripts/lib/crossings/report.js';
import { wasmPath } from '../scripts/lib/project.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { type ServedApp, serve } from '../scripts/lib/serve.js';

/** The pairs CI measures: all but the ahead-of-time exporter's, which needs weval. */
const MEASURED = PAIRS.filter((pair) => !pair.exporter.aot);

describe('the crossings manifest', () => {
  it("is valid against Spin's manifest schema, with one routed component per pair", async () => {
    const manifest = await loadManifest(await writeCrossingsManifest(PAIRS));
    expect(Object.keys(manifest.component ?? {}).sort()).toEqual(PAIRS.map((pair) => pair.id).sort());
    for (const pair of PAIRS) {
      expect(manifest.trigger.http?.find((trigger) => trigger.component === pair.id)?.route).toBe(`/${pair.id}`);
      expect(manifest.component?.[pair.id]?.source).toBe(wasmPath(pair.composition.name));
    }
  });

  it('pairs a side with unfixed bindings only with its like, or with a side without such bindings', () => {
    const ids = PAIRS.map((pair) => pair.id);
    expect(ids).toEqual(expect.arrayContaining(['ts-stock-to-sm-stock', 'ts-stock-to-null', 'ts-stock-to-qjs', 'ts-to-sm', 'py-to-qjs']));
    expect(ids).not.toContain('ts-to-sm-stock');
    expect(ids).not.toContain('ts-stock-to-sm');
  });
});

describe('the pairs on the local runtime', () => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serve({ runtime: 'local', manifest: await writeCrossingsManifest(MEASURED) });
  });
  afterAll(async () => {
    await app?.stop();
  });
  const ask = async (path: string) => {
    const response = await fetch(`${app.url}${path}`);
    return { status: response.status, body: await response.text() };
  };

  it('hand out the same books in every shape, directly and through the relay', async () => {
    await expect(
      checkPairs(
        [app],
        MEASURED.map((pair) => pair.id),
        SHAPES_SWEEP,
      ),
    ).resolves.toBeUndefined();
  });

  it.each(CALLERS.map((caller) => caller.name))('answer %s: the time, and what came back', async (caller) => {
    const direct = JSON.parse((await ask(`/${caller}-to-null?shape=books&n=9&calls=3`)).body);
    expect(direct).toMatchObject({ shape: 'books', n: 9, calls: 3, via: 'direct', elements: 0, digest: bookDigest(9) });
    expect(direct.ns).toBeGreaterThan(0);
    const relayed = JSON.parse((await ask(`/${caller}-to-null?shape=json&n=9&calls=3&via=relay`)).body);
    expect(relayed).toMatchObject({ via: 'relay', elements: 3 * relayedElements('json', 9), digest: 0 });
  });

  it.each(CALLERS.map((caller) => caller.name))('refuse what %s cannot measure, naming the parameter', async (caller) => {
    expect(await ask(`/${caller}-to-null?shape=tree`)).toEqual({
      status: 400,
      body: 'query parameter "shape" must be one of nothing, books, columns, strings, json, json-bytes, got "tree"',
    });
    expect(await ask(`/${caller}-to-null?shape=books&via=post`)).toEqual({
      status: 400,
      body: 'query parameter "via" must be direct or relay, got "post"',
    });
    expect((await ask(`/${caller}-to-null?shape=books&n=0`)).body).toBe('query parameter "n" must be from 1 to 100000, got "0"');
  });
});

describe('the arithmetic', () => {
  it('asks every shape at every size both ways, and the calls sweep once for one book', () => {
    const asked = points(QUICK, SHAPES_SWEEP);
    const keys = asked.map((p) => `${p.shape} ${p.n} ${p.calls} ${p.via}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const shape of LIST_SHAPES) for (const n of QUICK.sizes) for (const via of VIAS) expect(keys).toContain(`${shape} ${n} 1 ${via}`);
    for (const calls of QUICK.calls) expect(keys).toContain(`nothing 1 ${calls} relay`);
  });

  it("asks WASI 0.3's forms directly, those of one size in turn", () => {
    const asked = points(QUICK, FORMS_SWEEP);
    expect(asked.every((p) => p.via === 'direct')).toBe(true);
    for (const form of BOOK_FORMS) for (const n of QUICK.sizes) expect(asked).toContainEqual({ shape: form, n, calls: 1, via: 'direct' });
    for (const form of CALL_FORMS)
      for (const calls of QUICK.calls) expect(asked).toContainEqual({ shape: form, n: 1, calls, via: 'direct' });
    const together = rounds(asked, FORMS_SWEEP);
    expect(together.flat()).toHaveLength(asked.length);
    for (const round of together) expect(new Set(round.map((p) => `${p.n} ${p.calls}`)).size).toBe(1);
    expect(together.find((round) => round[0].n === 100)?.map((p) => p.shape)).toEqual(BOOK_FORMS);
    // WASI 0.2's shapes stay one point a round, as they were asked.
    expect(rounds(points(QUICK, SHAPES_SWEEP), SHAPES_SWEEP).every((round) => round.length === 1)).toBe(true);
  });

  it('takes the slope of a line, and of noise around it', () => {
    expect(slope([1, 10, 100].map((x) => ({ x, y: 5 + 3 * x })))).toBeCloseTo(3);
    expect(slope([1, 10, 100].map((x, i) => ({ x, y: 5 + 3 * x + (i === 1 ? 2 : -1) })))).toBeCloseTo(3, 1);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
  });

  it('splits a cost by side with the null exporter and the relay', () => {
    const [ts] = CALLERS;
    const sm = EXPORTERS[1];
    // Per book: the boundary 1 ns, StarlingMonkey's lowering 100, the caller's lifting 20.
    const perBook: Record<string, number> = {
      'ts-to-null relay': 1,
      'ts-to-sm relay': 101,
      'ts-to-null direct': 21,
      'ts-to-sm direct': 121,
    };
    const samples: Sample[] = Object.entries(perBook).flatMap(([key, ns]) => {
      const [pair, via] = key.split(' ') as [string, 'direct' | 'relay'];
      return [1, 100].map((n) => ({ runtime: 'local', pair, via, shape: 'books', n, calls: 1, ns: 1000 + ns * n, minNs: 0, maxNs: 0 }));
    });
    const unit = UNITS.find((u) => u.kind === 'book' && u.shape === 'books');
    if (!unit) throw new Error('no unit for a book as books');
    const costs = split(samples, 'local', CALLERS, ts, sm, unit);
    expect(costs.floor).toBeCloseTo(1);
    expect(costs.exporterSide).toBeCloseTo(100);
    expect(costs.callerSide).toBeCloseTo(20);
    expect(costs.total).toBeCloseTo(121);
  });
});

describe('npm run bench:wit -- --quick', () => {
  it('measures every pair at every point and writes its report', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bench-wit-'));
    await run(npmBin('tsx'), ['scripts/bench-wit.ts', '--quick', '--runtime', 'local', '--out', out]);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as CrossingsResults;
    expect(results.runtimes.map((r) => r.name)).toEqual(['local']);
    expect(results.results).toHaveLength(points(QUICK, SHAPES_SWEEP).length * MEASURED.length);
    expect(results.results.every((s) => s.ns > 0 && s.minNs <= s.ns && s.ns <= s.maxNs)).toBe(true);
    const summary = await readFile(join(out, 'summary.md'), 'utf8');
    for (const row of ['a call of nothing', 'a book as books', 'a book as json-bytes']) expect(summary).toContain(`| ${row}`);
  }, 600_000);
});
