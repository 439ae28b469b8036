// npm run bench:memory [-- --runtime local|spin|both] [--wiring W]... [--wasi V]... [--out DIR]
// What reuse does to memory: each wiring (and the floor) with book-api on
// QuickJS, on WASI 0.2 and on WASI 0.3 with reuse and without, each served
// afresh and asked for the page one request after another, its resident
// memory read up to 1,024 requests (scripts/lib/bench/memory.ts). Writes
// results.json and summary.md; a run of everything into bench/results/memory
// also refreshes the memory section of docs/wasi-0.3.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { main, parseCommandLine } from './lib/cli.js';
import { refreshDocSection } from './lib/doc-sections.js';
import { DEFAULT_ENGINE, ROOT } from './lib/project.js';
import { buildAndCompose } from './lib/run.js';
import { machine, runtimeVersion } from './lib/bench/environment.js';
import { AFTER, type MemoryResults, type MemoryTrace, memoryMarkdown, traceMemory } from './lib/bench/memory.js';
import { FULL, variantName } from './lib/bench/plan.js';
import { benchRuntimes } from './lib/bench/runtimes.js';
import { startServer } from './lib/bench/servers.js';
import { variantsToMeasure } from './lib/bench/variants.js';

const RESULTS_DIR = join(ROOT, 'bench', 'results', 'memory');
const PAGE = 'docs/wasi-0.3.md';
const USAGE = 'usage: npm run bench:memory -- [--runtime local|spin|both] [--wiring W]... [--wasi 0.2|0.3]... [--out DIR]';

main(async () => {
  const { values } = parseCommandLine(
    {
      options: {
        runtime: { type: 'string' },
        wiring: { type: 'string', multiple: true },
        wasi: { type: 'string', multiple: true },
        out: { type: 'string' },
      },
    },
    USAGE,
  );
  const { variants, everything } = variantsToMeasure({ ...values, engine: [DEFAULT_ENGINE.name] }, USAGE);
  const runtimes = await benchRuntimes(values.runtime, []);
  const out = values.out ?? RESULTS_DIR;
  const args = [
    ...(values.runtime === undefined ? [] : ['--runtime', values.runtime]),
    ...(values.wiring ?? []).flatMap((wiring) => ['--wiring', wiring]),
    ...(values.wasi ?? []).flatMap((version) => ['--wasi', version]),
  ];
  await buildAndCompose();

  const traces: MemoryTrace[] = [];
  for (const runtime of runtimes) {
    for (const variant of variants) {
      // Afresh, one server at a time: what one holds is not shared with another's load.
      const server = await startServer(runtime, variant);
      try {
        traces.push({ runtime: runtime.id, ...variant, mib: await traceMemory(server, FULL.page.path) });
      } finally {
        await server.stop();
      }
      console.log(
        `${variantName(variant)} on ${runtime.id}: ${traces
          .at(-1)
          ?.mib.map((m) => m.toFixed(0))
          .join(' ')} MiB`,
      );
    }
  }
  const results: MemoryResults = {
    date: new Date().toISOString(),
    command: `npm run bench:memory${args.length ? ` -- ${args.join(' ')}` : ''}`,
    machine: machine(),
    runtimes: await Promise.all(runtimes.map(runtimeVersion)),
    path: FULL.page.path,
    after: AFTER,
    traces,
  };
  const summary = memoryMarkdown(results);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
  await writeFile(join(out, 'summary.md'), summary);
  console.log(`\n${summary}\nWrote ${['results.json', 'summary.md'].map((f) => relative(ROOT, join(out, f))).join(', ')}`);
  if (out === RESULTS_DIR && everything) {
    await refreshDocSection(PAGE, 'bench:memory', summary);
    console.log(`Refreshed the memory section of ${PAGE}`);
  }
});
