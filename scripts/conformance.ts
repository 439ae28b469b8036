// npm run conformance [-- --runtime local|spin|all]
// The conformance suite (test/conformance) against each runtime in turn: the
// local runtime, and a real `spin` when one is on PATH. The same cases run
// against both; the report says how many ran and how many matched, and a
// clean run against Spin is recorded in docs/wirings.md.
import { mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BUILD_DIR, ROOT } from './lib/project.js';
import { refreshDocSection } from './lib/doc-sections.js';
import { main, parseCommandLine, UserError } from './lib/cli.js';
import { npmBin, run } from './lib/run.js';
import { checkRuntime, isRuntime, RUNTIMES, spinAvailable, spinVersion, type RuntimeName } from './lib/serve.js';

/** The page that holds the record of the last clean run against Spin. */
const RECORD_PAGE = 'docs/wirings.md';

/** Cases whose title says the runtime is known to answer otherwise (titleWithSpinBug and titleWithLocalLimit in test/conformance/target.ts). */
const KNOWN_DIFFERENCE: Record<RuntimeName, RegExp> = {
  spin: /\(Spin differs: [^)]*\)/,
  local: /\(the local runtime differs: [^)]*\)/,
};

interface VitestJson {
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

function runtimesToRun(): RuntimeName[] {
  const { values } = parseCommandLine(
    { options: { runtime: { type: 'string', default: 'all' } } },
    'usage: npm run conformance -- [--runtime local|spin|all]',
  );
  if (values.runtime === 'all') {
    if (spinAvailable()) return [...RUNTIMES];
    console.log('No `spin` on PATH: running the suite against the local runtime only.');
    return ['local'];
  }
  if (!isRuntime(values.runtime)) throw new UserError(`--runtime is local, spin or all, not "${values.runtime}"`);
  checkRuntime(values.runtime);
  return [values.runtime];
}

async function suite(runtime: RuntimeName): Promise<{ ran: number; matched: number; known: string[]; failed: string[] }> {
  const out = join(BUILD_DIR, 'conformance', `${runtime}.json`);
  await mkdir(join(BUILD_DIR, 'conformance'), { recursive: true });
  const args = ['run', 'test/conformance', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  // A failing case makes vitest exit non-zero; the report below says which.
  await run(npmBin('vitest'), args, { inherit: true, env: { ...process.env, BOOKSERVER_RUNTIME: runtime } }).catch(() => undefined);
  const report = JSON.parse(await readFile(out, 'utf8').catch(() => '{"testResults":[]}')) as VitestJson;
  const cases = report.testResults.flatMap((file) =>
    file.assertionResults.map((result) => ({ ...result, file: relative(ROOT, file.name) })),
  );
  if (cases.length === 0) throw new UserError(`the conformance suite did not run against ${runtime}; its output is above`);
  const passed = cases.filter((c) => c.status === 'passed');
  const known = passed.filter((c) => KNOWN_DIFFERENCE[runtime].test(c.fullName)).map((c) => c.fullName);
  const failed = cases.filter((c) => c.status === 'failed').map((c) => `${c.file}: ${c.fullName}`);
  return { ran: cases.filter((c) => c.status !== 'skipped').length, matched: passed.length - known.length, known, failed };
}

main(async () => {
  const runtimes = runtimesToRun();
  const lines: string[] = [];
  const record: string[] = [];
  for (const runtime of runtimes) {
    const name = runtime === 'spin' ? `spin ${await spinVersion()}` : 'the local runtime';
    console.log(`\nConformance suite against ${name}`);
    const { ran, matched, known, failed } = await suite(runtime);
    const counts = `${ran} cases ran, ${matched} matched${known.length ? `, ${known.length} known difference${known.length > 1 ? 's' : ''}` : ''}, ${failed.length} failed`;
    lines.push(`${name}: ${counts}`, ...known.map((c) => `  known difference: ${c}`), ...failed.map((c) => `  failed: ${c}`));
    record.push(`${name}: ${counts}`);
  }
  console.log(`\n${lines.join('\n')}`);
  if (lines.some((line) => line.startsWith('  failed: '))) {
    process.exitCode = 1;
  } else if (runtimes.includes('spin')) {
    // Only a clean run against real Spin is worth recording.
    await refreshDocSection(
      RECORD_PAGE,
      'conformance',
      `Last run against real Spin on ${new Date().toISOString().slice(0, 10)}, with \`npm run conformance\`:\n${record.map((line) => `- ${line}`).join('\n')}`,
    );
    console.log(`Recorded the result in ${RECORD_PAGE}`);
  }
});
