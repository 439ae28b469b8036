// Which runtimes a benchmark measures: `--runtime` as given, or both when
// Spin is there to compare with; and the local runtime on each Node named by
// `--node` (a path, or a pinned line's major: 26, 24), or on the benchmark's own.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../cli.js';
import { ensureNode, pinnedLine } from '../node.js';
import { run } from '../run.js';
import { checkRuntime, isRuntime, RUNTIMES, spinAvailable, type RuntimeName } from '../serve.js';
import { localOnNode, type RuntimeId } from './plan.js';

export interface BenchRuntime {
  id: RuntimeId;
  kind: RuntimeName;
  /** The Node that runs the local runtime, if not the benchmark's own (never for Spin). */
  node?: string;
  /** That Node's version, `v24.22.3`. */
  nodeVersion?: string;
}

/** `--runtime` as given, or both runtimes when Spin is there to compare with; Spin first, the reference. */
export function runtimesToMeasure(given: string | undefined): RuntimeName[] {
  if (given === undefined) {
    if (spinAvailable()) return ['spin', 'local'];
    console.log('No `spin` on PATH: measuring the local runtime only.');
    return ['local'];
  }
  if (given !== 'both' && !isRuntime(given)) throw new UserError(`--runtime is ${RUNTIMES.join(', ')} or both, not "${given}"`);
  const chosen: RuntimeName[] = given === 'both' ? ['spin', 'local'] : [given];
  for (const runtime of chosen) checkRuntime(runtime);
  return chosen;
}

/** The Node at `given` (a pinned line's major, installed if need be, or a path), with its version. */
async function nodeAt(given: string): Promise<{ node: string; nodeVersion: string }> {
  const line = pinnedLine(given);
  const node = line ? join(await ensureNode(line), 'node') : given;
  const nodeVersion = (await run(node, ['--version']).catch(() => '')).trim();
  if (!/^v\d+\./.test(nodeVersion)) throw new UserError(`--node ${given}: ${node} is not a Node.js that answers --version`);
  return { node, nodeVersion };
}

/** The runtimes to measure, in the report's order: Spin, then the local runtime on each Node. */
export async function benchRuntimes(given: string | undefined, nodes: readonly string[]): Promise<BenchRuntime[]> {
  const kinds = runtimesToMeasure(given);
  const runtimes: BenchRuntime[] = kinds.includes('spin') ? [{ id: 'spin', kind: 'spin' }] : [];
  if (!kinds.includes('local')) return runtimes;
  if (nodes.length === 0) return [...runtimes, { id: 'local', kind: 'local', nodeVersion: process.version }];
  const own = realpathSync(process.execPath);
  for (const given of nodes) {
    const { node, nodeVersion } = await nodeAt(given);
    const id = realpathSync(node) === own ? 'local' : localOnNode(nodeVersion);
    if (runtimes.some((r) => r.id === id)) {
      console.log(`--node ${given} is Node ${nodeVersion}, named already: measured once.`);
      continue;
    }
    // The benchmark's own Node runs the local runtime as it always does, measured in process as well.
    runtimes.push({ id, kind: 'local', node: id === 'local' ? undefined : node, nodeVersion });
  }
  return runtimes;
}
