// The Python toolchain: componentize-py to build the Python guests, mypy and
// ruff to check them, pinned, in a virtual environment under .tools/python
// (git-ignored), made by `npm run tools` or by the first step that needs it.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from './cli.js';
import { seconds } from './format.js';
import { type PythonGuest, ROOT, TOOLS_DIR, wasmPath, witDirOf } from './project.js';
import { run } from './run.js';

/**
 * What the environment holds, from PyPI. componentize-py 0.25.1 embeds CPython 3.14, and for a
 * WASI 0.3 world generates its async runtime beside the bindings, so both WASI versions need only it.
 */
export const PYTHON_PACKAGES = ['componentize-py==0.25.1', 'mypy==2.4.1', 'ruff==0.17.6'] as const;

const VENV = join(TOOLS_DIR, 'python');
/** Written once the packages are in: the environment is current when it lists exactly PYTHON_PACKAGES. */
const INSTALLED = join(VENV, 'bookserver-packages.txt');

export const pythonTool = (name: 'componentize-py' | 'mypy' | 'ruff'): string => join(VENV, 'bin', name);

/**
 * The environment for running the tools: not "activated", since
 * componentize-py puts an active environment's site-packages on the guest's
 * path and into its snapshot.
 */
export function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { VIRTUAL_ENV: _active, ...env } = process.env;
  return { ...env, ...extra };
}

export async function ensurePythonTools(): Promise<string> {
  const wanted = PYTHON_PACKAGES.join('\n');
  if (existsSync(INSTALLED) && (await readFile(INSTALLED, 'utf8')) === wanted) return VENV;
  const python = process.env.PYTHON ?? 'python3';
  try {
    await run(python, ['--version']);
  } catch {
    throw new UserError(`${python} is not available to make the Python tools' environment; install Python 3.10 or later, or set PYTHON`);
  }
  const started = performance.now();
  console.log(`Installing ${PYTHON_PACKAGES.join(', ')} into ${VENV} with pip (once; this takes a minute)...`);
  await rm(VENV, { recursive: true, force: true });
  try {
    await run(python, ['-m', 'venv', VENV], { inherit: true, env: toolEnv() });
    await run(join(VENV, 'bin', 'pip'), ['install', '--disable-pip-version-check', '--progress-bar', 'off', ...PYTHON_PACKAGES], {
      inherit: true,
      env: toolEnv(),
    });
  } catch {
    throw new UserError(`installing the Python tools into ${VENV} failed; pip's output is above`);
  }
  await writeFile(INSTALLED, wanted);
  console.log(`Installed the Python tools in ${seconds(started)}`);
  return VENV;
}

/** Builds a Python guest into build/<name>.wasm with componentize-py. */
export async function componentizePython(guest: PythonGuest): Promise<void> {
  await ensurePythonTools();
  const paths = guest.sources.flatMap((path) => ['-p', join(ROOT, path)]);
  await run(
    pythonTool('componentize-py'),
    ['-d', witDirOf(guest), '-w', guest.world, 'componentize', guest.module, ...paths, '-o', wasmPath(guest.name)],
    {
      env: toolEnv(),
    },
  );
}

/** Python bindings for the guest's world, as componentize-py generates them (the package `wit_world`), into `out`. */
export async function pythonBindings(guest: PythonGuest, out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await run(pythonTool('componentize-py'), ['-d', witDirOf(guest), '-w', guest.world, 'bindings', out], { env: toolEnv() });
}
