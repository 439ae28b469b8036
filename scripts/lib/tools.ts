// Native tools the project needs but npm cannot provide. Each is found on
// PATH or in .tools/ (git-ignored); when missing, the pinned version is
// installed there with `cargo install --locked`.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TOOLS_DIR } from './project.js';
import { UserError } from './cli.js';
import { seconds } from './format.js';
import { run } from './run.js';

export interface CargoTool {
  bin: string;
  crate: string;
  version: string;
  /** Extra `cargo install` arguments. */
  cargoArgs: string[];
}

/**
 * wac composes the `wit` wiring. Its default `registry` feature (a package
 * registry client) is not needed for local files and triples the build time.
 */
export const WAC: CargoTool = { bin: 'wac', crate: 'wac-cli', version: '0.12.0', cargoArgs: ['--no-default-features'] };

/**
 * weval compiles StarlingMonkey ahead of time (`jco componentize --aot`):
 * the version componentize-js 0.23 downloads for itself, which cannot be
 * downloaded here, and whose IC cache componentize-js ships.
 */
export const WEVAL: CargoTool = { bin: 'weval', crate: 'weval', version: '0.5.0', cargoArgs: [] };

/** wasm-tools decodes StarlingMonkey's WIT for `npm run wit:vendor`; only its component commands are needed. */
export const WASM_TOOLS: CargoTool = {
  bin: 'wasm-tools',
  crate: 'wasm-tools',
  version: '1.263.0',
  cargoArgs: ['--no-default-features', '--features', 'component'],
};

export function onPath(bin: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, bin))
    .find((candidate) => existsSync(candidate));
}

/** The second word of `--version`: `wac-cli 0.12.0`, `spin 3.4.0 (...)`. */
async function versionOf(path: string): Promise<string> {
  return (await run(path, ['--version'])).trim().split(/\s+/)[1] ?? 'unknown';
}

/** The tool on PATH or in .tools/, without installing it. */
export function findTool(bin: string): string | undefined {
  const local = join(TOOLS_DIR, 'bin', bin);
  return onPath(bin) ?? (existsSync(local) ? local : undefined);
}

/** A tool's version, or undefined when it is not there. */
export async function toolVersion(bin: string): Promise<string | undefined> {
  const found = findTool(bin);
  return found && versionOf(found);
}

export async function ensureTool(tool: CargoTool): Promise<string> {
  const local = join(TOOLS_DIR, 'bin', tool.bin);
  const found = findTool(tool.bin);
  if (found) {
    const version = await versionOf(found);
    if (version !== tool.version) {
      console.log(`Using ${tool.bin} ${version} from ${found} (bookserver is tested with ${tool.version})`);
    }
    return found;
  }
  try {
    await run('cargo', ['--version']);
  } catch {
    throw new UserError(
      `${tool.bin} is not installed and cargo is not available to install it.\n` +
        `Install Rust (https://rustup.rs) and run this again, or put ${tool.crate} ${tool.version} on PATH.`,
    );
  }
  const started = performance.now();
  console.log(`Installing ${tool.crate} ${tool.version} into ${TOOLS_DIR} with cargo install --locked (once; this takes a few minutes)...`);
  try {
    await run('cargo', ['install', '--locked', '--root', TOOLS_DIR, '--version', tool.version, tool.crate, ...tool.cargoArgs], {
      inherit: true,
    });
  } catch {
    throw new UserError(`cargo install ${tool.crate} ${tool.version} failed; its output is above.`);
  }
  console.log(`Installed ${tool.bin} ${tool.version} in ${seconds(started)}`);
  return local;
}
