// `npm run bench -- --quick`: the shape of what it writes, never its speed.
// CI has no Spin, so a test double (test/fixtures/fake-spin/spin, which
// serves with the local runtime) stands in for it to check the two-runtime report.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Variant, variantName } from '../scripts/lib/bench/plan.js';
import type { Results } from '../scripts/lib/bench/results.js';
import { NODE_LINES } from '../scripts/lib/node.js';
import { ROOT } from '../scripts/lib/project.js';
import { npmBin, run } from '../scripts/lib/run.js';

const FAKE_SPIN = join(ROOT, 'test', 'fixtures', 'fake-spin');

/** What a quick run measures: some wirings, with book-api on some engines, on some WASI versions. */
interface Asked {
  wirings: string[];
  engines: string[];
  wasi: string[];
  /** The variants' names, `wit` and `wit/sm`, in the order of the rounds. */
  variants: string[];
}
/** Both languages, and enough wirings for every wiring's ratio line, on the default engine alone. */
const ONE_ENGINE: Asked = {
  wirings: ['network', 'chain', 'wit', 'wit-py'],
  engines: ['quickjs'],
  wasi: ['0.2'],
  variants: ['network', 'chain', 'wit', 'wit-py'],
};
/** Two wirings on two engines: a ratio line of each kind, with a server for each of four variants on each runtime. */
const TWO_ENGINES: Asked = {
  wirings: ['chain', 'wit'],
  engines: ['quickjs', 'starlingmonkey'],
  wasi: ['0.2'],
  variants: ['chain', 'chain/sm', 'wit', 'wit/sm'],
};
/** Two wirings on both WASI versions: WASI 0.3 with Spin's reuse and with an instance a request. */
const BOTH_WASI: Asked = {
  wirings: ['chain', 'wit'],
  engines: ['quickjs'],
  wasi: ['0.2', '0.3'],
  variants: ['chain', 'chain/p3', 'chain/p3-once', 'wit', 'wit/p3', 'wit/p3-once'],
};
const askedArgs = ({ wirings, engines, wasi }: Asked): string[] => [
  ...wirings.flatMap((wiring) => ['--wiring', wiring]),
  ...engines.flatMap((engine) => ['--engine', engine]),
  ...wasi.flatMap((version) => ['--wasi', version]),
];
/** A sample's variant, as the report names it. */
const variantOf = (s: Variant): string => variantName(s);
const searchPath = (dirs: string[]): string => dirs.join(delimiter);
const pathDirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);

interface QuickRun {
  printed: string;
  results: Results;
  summary: string;
  out: string;
}

async function quickBench(asked: Asked, args: string[], PATH: string): Promise<QuickRun> {
  const out = await mkdtemp(join(tmpdir(), 'bench-'));
  const printed = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', ...askedArgs(asked), ...args, '--out', out], {
    env: { ...process.env, PATH },
  });
  const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results;
  return { printed, results, summary: await readFile(join(out, 'summary.md'), 'utf8'), out };
}

async function expectShape({ results, summary, out }: QuickRun, asked: Asked, runtimes: string[]): Promise<void> {
  expect(Object.keys(results.machine)).toEqual(['cpu', 'cores', 'memoryGiB', 'os', 'node']);
  expect(Object.keys(results.versions)).toEqual(expect.arrayContaining(['jco', 'componentize-js', 'wac', 'componentize-py']));
  expect(Object.keys(results.sizes)).toEqual(expect.arrayContaining(['book-api', 'frontend-py-http', 'bookserver-wit-py']));
  expect(Object.values(results.sizes).every((bytes) => bytes > 0)).toBe(true);
  expect(results.runtimes.map((r) => r.name)).toEqual(runtimes);
  expect(results.page.map((m) => m.concurrency)).toEqual([1, 4]);
  expect(results.sweep.map((m) => m.path)).toEqual(['/bench?calls=1&count=1', '/bench?calls=3&count=1', '/bench?calls=1&count=100']);
  expect(results.write.map((m) => [m.path, m.concurrency])).toEqual([['/books', 2]]);
  for (const m of [...results.page, ...results.sweep, ...results.write]) {
    const subjects = m.samples.map((s) => `${s.runtime} ${variantOf(s)}`);
    expect(new Set(subjects)).toEqual(new Set(runtimes.flatMap((runtime) => asked.variants.map((variant) => `${runtime} ${variant}`))));
    for (const s of m.samples) {
      const which = `${m.path} at ${m.concurrency} connections, ${variantOf(s)} on ${s.runtime}, round ${s.round}`;
      expect(s.requests, which).toBeGreaterThan(0);
      expect(s.errors, which).toBe(0);
      expect(s.cpuMsPerRequest, which).toBeGreaterThan(0);
      expect(s.peakMemoryMiB, which).toBeGreaterThan(0);
    }
  }

  // A table and the ratios of each runtime, for the page at each load and for the write.
  const measured = results.page.length + results.write.length;
  expect(summary.match(/^\| variant +\| req\/s median \(min–max\) \|/gm)).toHaveLength(measured * runtimes.length);
  expect(summary.match(/^- wit \/ chain: throughput \d/gm)).toHaveLength(measured * runtimes.length);
  expect(summary).toMatch(/^\*\*The write: POST \/books\*\* with a JSON book and the token, through the frontend/m);
  expect(results.startup.map((s) => `${s.runtime} ${variantOf(s)}`).sort()).toEqual(
    runtimes.flatMap((runtime) => asked.variants.map((variant) => `${runtime} ${variant}`)).sort(),
  );
  expect(results.startup.every((s) => s.ms > 0)).toBe(true);
  expect(summary).toContain('**Start-up**');
  expect(summary.match(/^- CPU per call, instantiation of the outer request excluded/gm)).toHaveLength(runtimes.length);
  expect(summary).toMatch(/^On the local runtime \(Node v[\d.]+, bindings jco [\d.]+, jco-transpile [\d.]+ for WASI 0\.3\):$/m);
  expect(summary).toMatch(/^Components: book-api-plain \d+\.\d MiB, /m);
  for (const chart of ['throughput', 'latency', 'sweep']) {
    expect(await readFile(join(out, `${chart}.svg`), 'utf8')).toMatch(
      /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\n$/,
    );
  }
}

describe('npm run bench -- --quick', () => {
  it('measures the local runtime alone, and says so, when there is no spin on PATH', async () => {
    const bench = await quickBench(ONE_ENGINE, [], searchPath(pathDirs.filter((dir) => !existsSync(join(dir, 'spin')))));
    expect(bench.printed).toContain('No `spin` on PATH: measuring the local runtime only.');
    expect(bench.printed).toMatch(/^\[1\/\d+\] warm-up, network on local$/m);
    await expectShape(bench, ONE_ENGINE, ['local']);
    for (const line of [/^- network \/ chain: throughput \d/gm, /^- wit-py \/ wit: throughput \d/gm]) {
      expect(bench.summary.match(line)).toHaveLength(bench.results.page.length + bench.results.write.length);
    }
    expect(bench.summary).not.toContain('local / Spin');
  }, 240_000);

  it('measures Spin and the local runtime side by side, round by round', async () => {
    const bench = await quickBench(TWO_ENGINES, ['--runtime', 'both'], searchPath([FAKE_SPIN, ...pathDirs]));
    await expectShape(bench, TWO_ENGINES, ['spin', 'local']);
    expect(bench.results.runtimes[0]).toEqual({ name: 'spin', version: '0.0.0-fake (test double)' });
    expect(bench.results.runtimes[1].version).toMatch(/^Node v[\d.]+, bindings jco [\d.]+, jco-transpile [\d.]+ for WASI 0\.3$/);

    // In each round, every variant on both runtimes, the runtime going first alternating.
    const chainTurns = bench.results.page[0].samples.filter((s) => variantOf(s) === 'chain').map((s) => `${s.round} ${s.runtime}`);
    expect(chainTurns).toEqual(['0 spin', '0 local', '1 local', '1 spin']);
    // An engine against the default, on the same wiring.
    expect(bench.summary.match(/^- chain\/sm \/ chain: throughput \d/gm)).toHaveLength(
      (bench.results.page.length + bench.results.write.length) * 2,
    );
    expect(bench.summary).toMatch(/^book-api: a wiring's name alone, on QuickJS [^;]*; \/sm on StarlingMonkey/m);

    const { summary } = bench;
    expect(summary).toMatch(/^On Spin 0\.0\.0-fake \(test double\):$/m);
    expect(summary.indexOf('On Spin 0.0.0-fake (test double):')).toBeLessThan(summary.indexOf('On the local runtime ('));
    expect(summary.match(/^local \/ Spin, round by round:$/gm)).toHaveLength(bench.results.page.length + bench.results.write.length);
    for (const variant of TWO_ENGINES.variants) {
      expect(summary).toMatch(
        new RegExp(`^- ${variant}: throughput \\d[^\\n]*, p50 latency \\d[^\\n]*, CPU per request \\d[^\\n]*, peak memory \\d`, 'm'),
      );
    }
    expect(summary).toContain('local / Spin, CPU per request round by round:');
    expect(summary).toMatch(/^\| calls \| books per call \| chain +\| chain\/sm +\| wit +\| wit\/sm +\|$/m);
    expect(await readFile(join(bench.out, 'throughput.svg'), 'utf8')).toContain('local runtime</text>');
  }, 480_000);

  it("measures WASI 0.3 beside WASI 0.2, with Spin's reuse and with an instance a request", async () => {
    const bench = await quickBench(BOTH_WASI, ['--runtime', 'local'], process.env.PATH ?? '');
    await expectShape(bench, BOTH_WASI, ['local']);
    expect(bench.results.variants).toContainEqual({ wiring: 'wit', engine: 'quickjs', build: 'p3-once' });
    const measured = bench.results.page.length + bench.results.write.length;
    for (const line of [/^- wit\/p3 \/ wit: throughput \d/gm, /^- wit\/p3-once \/ wit\/p3: throughput \d/gm]) {
      expect(bench.summary.match(line)).toHaveLength(measured);
    }
    expect(bench.summary).toMatch(/^book-api: .* On WASI 0\.2 unless named: \/p3 on WASI 0\.3, instances reused as Spin 4 does/m);
  }, 480_000);

  it('measures the floor beside the wirings, for the page alone', async () => {
    const asked: Asked = { wirings: ['floor', 'wit'], engines: ['quickjs'], wasi: ['0.2'], variants: ['floor', 'wit'] };
    const { results, summary } = await quickBench(asked, ['--runtime', 'local'], process.env.PATH ?? '');
    const measured = (ms: Results['page']) => new Set(ms.flatMap((m) => m.samples.map(variantOf)));
    expect(measured(results.page)).toEqual(new Set(['floor', 'wit']));
    expect(measured([...results.sweep, ...results.write])).toEqual(new Set(['wit']));
    expect(summary.match(/^- wit \/ floor: throughput \d/gm)).toHaveLength(results.page.length);
    const writeAndSweep = summary.slice(summary.indexOf('**The write'), summary.indexOf('**One request, step by step'));
    expect(writeAndSweep).toContain('| wit ');
    expect(writeAndSweep).not.toContain('floor');
  }, 240_000);

  it('measures the local runtime on each Node that --node names, in one run', async () => {
    const lts = `v${NODE_LINES.recommended.version}`;
    const ids = process.version === lts ? ['local'] : ['local', `local@${lts}`];
    const wit: Asked = { wirings: ['wit'], engines: ['quickjs'], wasi: ['0.2'], variants: ['wit'] };
    const bench = await quickBench(
      wit,
      ['--runtime', 'local', '--node', process.execPath, '--node', lts.slice(1).split('.')[0]],
      process.env.PATH ?? '',
    );
    expect(bench.results.runtimes.map((r) => r.name)).toEqual(ids);
    expect(bench.results.runtimes.map((r) => r.version.split(',')[0])).toEqual(
      [`Node ${process.version}`, `Node ${lts}`].slice(0, ids.length),
    );
    expect(new Set(bench.results.page[0].samples.map((s) => s.runtime))).toEqual(new Set(ids));
    expect(new Set(bench.results.steps.map((s) => s.node))).toEqual(new Set([process.version, lts]));
    expect(bench.results.steps).toHaveLength(3 * ids.length);
    if (ids.length > 1) expect(bench.summary).toContain(`On the local runtime (Node ${lts}, bindings jco`);
  }, 240_000);

  it('says what is wrong with a --node that is not a Node', async () => {
    const failure = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--runtime', 'local', '--node', '/bin/true']).catch(
      (error: Error) => error.message,
    );
    expect(failure).toContain('--node /bin/true: /bin/true is not a Node.js that answers --version');
  });

  it('says what is wrong with a --wasi that is not a version it measures', async () => {
    const failure = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--runtime', 'local', '--wasi', '0.1']).catch(
      (error: Error) => error.message,
    );
    expect(failure).toContain('--wasi must be 0.2 or 0.3; "0.1" is not');
  });

  it('says clearly when --runtime spin or both has no spin to run', async () => {
    // Only Node on PATH, whatever the machine has installed.
    const env = { ...process.env, PATH: dirname(process.execPath) };
    for (const runtime of ['spin', 'both']) {
      const failure = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--runtime', runtime], { env }).catch(
        (error: Error) => error.message,
      );
      expect(failure).toContain('this needs a `spin` command on PATH, and there is none');
    }
  });

  it('names the wirings there are when --wiring names another', async () => {
    const failure = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--wiring', 'carrier-pigeon']).catch(
      (error: Error) => error.message,
    );
    expect(failure).toContain('--wiring must be one of floor, network, chain, wit, deps, chain-py, wit-py; "carrier-pigeon" is not');
  });

  it('names the engines there are when --engine names another', async () => {
    const failure = await run(npmBin('tsx'), ['scripts/bench.ts', '--quick', '--engine', 'rhino']).catch((error: Error) => error.message);
    expect(failure).toContain('--engine must be one of quickjs, starlingmonkey, starlingmonkey-aot; "rhino" is not');
  });
});
