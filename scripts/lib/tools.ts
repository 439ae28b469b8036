// Native tools the project needs but npm cannot provide. Each is found on
// PATH or in .tools/ (git-ignored); when missing, the pinned version is
// installed there with `cargo install --locked`, by a pinned Rust toolchain
// when the tool needs a newer one than the machine may have.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
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
  /** The Rust toolchain to build it with, installed by rustup when missing: for a crate newer than the machine's Rust. */
  rust?: string;
  /** It has no `--version`: its version is read from cargo's record of the root it was installed into. */
  versionFromCargo?: boolean;
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

/**
 * componentize-qjs 0.5.0, its CLI: it builds a QuickJS guest that imports an
 * async function (frontend-http-p3 calls wasi:http/client@0.3.0's `send`),
 * which the 0.4.5 that jco runs from npm cannot. It needs Rust 1.97 or later,
 * newer than CI's.
 */
export const COMPONENTIZE_QJS: CargoTool = {
  bin: 'componentize-qjs',
  crate: 'componentize-qjs-cli',
  version: '0.5.0',
  cargoArgs: [],
  rust: '1.99.1',
  versionFromCargo: true,
};

/** `bin` in the first folder of PATH that has it, but in none that `skip` says no to. */
export function onPath(bin: string, skip: (dir: string) => boolean = () => false): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !skip(dir))
    .map((dir) => join(dir, bin))
    .find((candidate) => existsSync(candidate));
}

/**
 * npm puts node_modules/.bin folders on PATH for its scripts. What is there
 * is an npm package's command, never a cargo tool: componentize-qjs 0.4.5's
 * npm package has a `componentize-qjs` too.
 */
const isNpmBin = (dir: string): boolean => dir.endsWith(join('node_modules', '.bin'));

/** The second word of `--version`: `wac-cli 0.12.0`, `spin 3.4.0 (...)`. */
async function versionOf(path: string): Promise<string> {
  return (await run(path, ['--version'])).trim().split(/\s+/)[1] ?? 'unknown';
}

/** The version of `crate` in cargo's record of the root that `bin` (`<root>/bin/<name>`) is in; undefined when there is no record. */
async function cargoRecordedVersion(bin: string, crate: string): Promise<string | undefined> {
  const record = join(dirname(dirname(bin)), '.crates2.json');
  const text = await readFile(record, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let installs: unknown;
  try {
    installs = (JSON.parse(text) as { installs?: unknown }).installs;
  } catch (error) {
    throw new UserError(`${record} is not cargo's JSON record of what it installed: ${String(error)}`);
  }
  if (typeof installs !== 'object' || installs === null) throw new UserError(`${record} has no "installs" object, as cargo writes one`);
  // A key is `<crate> <version> (<source>)`.
  return Object.keys(installs)
    .map((key) => key.split(' '))
    .find(([name]) => name === crate)?.[1];
}

const installedVersion = async (path: string, tool: CargoTool): Promise<string> =>
  tool.versionFromCargo ? ((await cargoRecordedVersion(path, tool.crate)) ?? 'unknown') : versionOf(path);

/**
 * The command that runs cargo for `tool`: rustup's toolchain when the tool
 * pins one, installed first when rustup does not have it.
 */
async function cargoFor(tool: CargoTool): Promise<[string, ...string[]]> {
  if (tool.rust === undefined) return ['cargo'];
  const toolchains = await run('rustup', ['toolchain', 'list']).catch(() => {
    throw new UserError(
      `${tool.bin} is not installed, and ${tool.crate} ${tool.version} needs Rust ${tool.rust}, which rustup installs, but rustup is not available.\n` +
        `Install rustup (https://rustup.rs) and run this again, or put ${tool.bin} ${tool.version} on PATH.`,
    );
  });
  if (!toolchains.split('\n').some((line) => line.startsWith(`${tool.rust}-`))) {
    const started = performance.now();
    console.log(`Installing Rust ${tool.rust} with rustup, to build ${tool.crate} ${tool.version} (once)...`);
    try {
      await run('rustup', ['toolchain', 'install', tool.rust, '--profile', 'minimal'], { inherit: true });
    } catch {
      throw new UserError(`rustup toolchain install ${tool.rust} failed; its output is above.`);
    }
    console.log(`Installed Rust ${tool.rust} in ${seconds(started)}`);
  }
  return ['rustup', 'run', tool.rust, 'cargo'];
}

/** The tool on PATH or in .tools/, without installing it. */
export function findTool(bin: string): string | undefined {
  const local = join(TOOLS_DIR, 'bin', bin);
  return onPath(bin, isNpmBin) ?? (existsSync(local) ? local : undefined);
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
    const version = await installedVersion(found, tool);
    if (version !== tool.version) {
      console.log(`Using ${tool.bin} ${version} from ${found} (bookserver is tested with ${tool.version})`);
    }
    return found;
  }
  const [cargo, ...cargoPrefix] = await cargoFor(tool);
  try {
    await run(cargo, [...cargoPrefix, '--version']);
  } catch {
    throw new UserError(
      `${tool.bin} is not installed and cargo is not available to install it.\n` +
        `Install Rust (https://rustup.rs) and run this again, or put ${tool.crate} ${tool.version} on PATH.`,
    );
  }
  const started = performance.now();
  console.log(`Installing ${tool.crate} ${tool.version} into ${TOOLS_DIR} with cargo install --locked (once; this takes a few minutes)...`);
  try {
    await run(
      cargo,
      [...cargoPrefix, 'install', '--locked', '--root', TOOLS_DIR, '--version', tool.version, tool.crate, ...tool.cargoArgs],
      { inherit: true },
    );
  } catch {
    throw new UserError(`cargo install ${tool.crate} ${tool.version} failed; its output is above.`);
  }
  console.log(`Installed ${tool.bin} ${tool.version} in ${seconds(started)}`);
  return local;
}
