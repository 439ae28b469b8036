// A component composed with its dependencies when the app loads, as Spin
// composes it: each dependency's exports plugged into the imports its name
// matches, a deny adapter plugged into each capability the dependency does
// not inherit, and the component's exports exported. The composition is a
// WAC document run by the real wac, and the result is cached by content, so
// that a restart composes nothing again.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { cacheDir, cacheKey } from '../cache.js';
import { denyAdapterComponent } from './deny-adapters.js';
import type { CompositionPlan } from './plan.js';

/** Bump when what this module writes changes, so that old cache entries are not used. */
const FORMAT = 1;

const ROOT_PACKAGE = 'component:root';
const dependencyPackage = (i: number): string => `dependency:d${i}`;
const adapterPackage = (world: string): string => `deny:${world.replace(/^deny-/, '')}`;
const adapterInstance = (i: number, world: string): string => `d${i}-${world}`;
const quoted = (name: string): string => JSON.stringify(name);

/** The WAC document that composes `plan`; its packages are `component:root`, `dependency:d<i>` and `deny:<set>`. */
export function wacDocument(plan: CompositionPlan): string {
  const lines = [`// ${plan.id} composed with its dependencies.`, 'package bookserver:composition;', ''];
  for (const [i, { denied }] of plan.dependencies.entries()) {
    for (const world of new Set(denied.map((d) => d.adapter.world))) {
      lines.push(`let ${adapterInstance(i, world)} = new ${adapterPackage(world)} { ... };`);
    }
    const args = denied.map(
      ({ adapter, import: name }) => `  ${quoted(name)}: ${adapterInstance(i, adapter.world)}[${quoted(adapter.exports)}],`,
    );
    lines.push(`let d${i} = new ${dependencyPackage(i)} {`, ...args, '  ...', '};', '');
  }
  const plugs = plan.dependencies.flatMap(({ plugs }, i) =>
    plugs.map((plug) => `  ${quoted(plug.import)}: d${i}[${quoted(plug.export)}],`),
  );
  lines.push(`let component = new ${ROOT_PACKAGE} {`, ...plugs, '  ...', '};', '');
  lines.push(...plan.exports.map((name) => `export component[${quoted(name)}];`), '');
  return lines.join('\n');
}

export interface Composed {
  /** The composed component's file, in the cache. */
  wasm: string;
  /** Whether it was there already. */
  cached: boolean;
}

const run = promisify(execFile);

/** Which wac this is, without running it: a new build or version is another file. */
async function wacIdentity(wac: string): Promise<string> {
  const { size, mtimeMs } = await stat(wac);
  return `${wac} ${size} ${mtimeMs}`;
}

/** The component composed as `plan` says, with `wac`: made now, or found in the cache. */
export async function compose(plan: CompositionPlan, wac: string): Promise<Composed> {
  const document = wacDocument(plan);
  const adapters = [...new Map(plan.dependencies.flatMap((d) => d.denied.map(({ adapter }) => [adapter.world, adapter]))).values()];
  const key = cacheKey(
    `${FORMAT}`,
    await wacIdentity(wac),
    document,
    plan.digest,
    ...plan.dependencies.map((d) => d.digest),
    ...adapters.map((adapter) => adapter.wat),
  );
  const wasm = join(cacheDir('composed'), `${key}.wasm`);
  if (existsSync(wasm)) return { wasm, cached: true };

  // Made beside the cache entry and renamed into place, so that a concurrent start never reads half a file.
  await mkdir(cacheDir('composed'), { recursive: true });
  const scratch = await mkdtemp(join(cacheDir('composed'), '.composing-'));
  try {
    const documentFile = join(scratch, 'composition.wac');
    await writeFile(documentFile, document);
    const deps = [
      `${ROOT_PACKAGE}=${plan.wasm}`,
      ...plan.dependencies.map(({ dependency }, i) => `${dependencyPackage(i)}=${dependency.wasm}`),
    ];
    for (const adapter of adapters) {
      const file = join(scratch, `${adapter.world}.wasm`);
      await writeFile(file, await denyAdapterComponent(adapter));
      deps.push(`${adapterPackage(adapter.world)}=${file}`);
    }
    const output = join(scratch, 'composed.wasm');
    try {
      await run(wac, ['compose', documentFile, ...deps.flatMap((dep) => ['--dep', dep]), '-o', output], { maxBuffer: 16 << 20 });
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new Error(`wac could not compose them: ${(stderr || message).trim()}`);
    }
    await rename(output, wasm);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { wasm, cached: false };
}

/** What was composed, for the start-up lines: one line per dependency. */
export function describePlan(plan: CompositionPlan): string[] {
  return plan.dependencies.map(({ dependency, plugs }) => {
    const inherits = dependency.inherits.size > 0 ? `inherits ${[...dependency.inherits].join(', ')}` : 'inherits nothing';
    return `${plugs.map((p) => p.import).join(', ')} ← ${relative(process.cwd(), dependency.wasm) || dependency.wasm} (${inherits})`;
  });
}
