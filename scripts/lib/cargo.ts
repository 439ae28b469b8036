// Rust guests: crates of the workspace in components/floor, built by cargo
// for wasm32-wasip2, whose linker makes the component itself. --locked, so
// that Cargo.lock decides every version; the target folder under build/.
// Rust's own toolchain is the user's (rustup); its wasm32-wasip2 target is
// added through rustup the first time, as a fresh rustup has none.
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from './cli.js';
import { BUILD_DIR, ROOT, type RustGuest, wasmPath } from './project.js';
import { run } from './run.js';

const RUST_WORKSPACE = join(ROOT, 'components', 'floor');
const CARGO_TARGET_DIR = join(BUILD_DIR, 'cargo');
const TARGET = 'wasm32-wasip2';

/** Runs a Rust tool in the workspace, where a rust-toolchain file would take effect; a missing tool says what to install. */
async function rust(command: string, args: string[], inherit = false): Promise<string> {
  try {
    return await run(command, args, { cwd: RUST_WORKSPACE, inherit });
  } catch (error) {
    if (error instanceof UserError && error.message.startsWith('could not run')) {
      throw new UserError(`${error.message}\nThe Rust components need Rust's ${command}: install it with rustup (https://rustup.rs).`);
    }
    throw error;
  }
}

/** The rustc that cargo builds with, as `rustc --version` says it: a change of it rebuilds. */
export const rustcVersion = async (): Promise<string> => (await rust('rustc', ['--version'])).trim();

/** Adds wasm32-wasip2 to the toolchain when its standard library is not there. */
async function ensureTarget(): Promise<void> {
  const sysroot = (await rust('rustc', ['--print', 'sysroot'])).trim();
  if (existsSync(join(sysroot, 'lib', 'rustlib', TARGET))) return;
  console.log(`Rust's ${TARGET} target is not installed in ${sysroot}: adding it with rustup target add ${TARGET} (once)`);
  try {
    await rust('rustup', ['target', 'add', TARGET], true);
  } catch (error) {
    throw new UserError(
      `cannot add Rust's ${TARGET} target, which the Rust components are built for; ` +
        `a Rust that rustup does not manage needs its ${TARGET} standard library installed its own way:\n${(error as Error).message}`,
    );
  }
}

export async function buildRust(guest: RustGuest): Promise<void> {
  await ensureTarget();
  await rust(
    'cargo',
    ['build', '--locked', '--release', '--quiet', '--target', TARGET, '--package', guest.crate, '--target-dir', CARGO_TARGET_DIR],
    true,
  );
  // A cdylib is named after its crate, with underscores.
  const built = join(CARGO_TARGET_DIR, TARGET, 'release', `${guest.crate.replaceAll('-', '_')}.wasm`);
  await copyFile(built, wasmPath(guest.name));
}

/** Runs a crate's unit tests on the host, where they need no runtime; resolves with their report. */
export async function testRust(crate: string): Promise<string> {
  return rust('cargo', ['test', '--locked', '--package', crate, '--target-dir', CARGO_TARGET_DIR]);
}
