// npm run lint, its Python half: ruff's formatter and lint rules, then mypy
// (strict) against the bindings componentize-py generates, once per Python
// guest (the frontend's two, the crossings' caller), since every world's
// bindings are the package `wit_world`.
import { join, relative } from 'node:path';
import { main, UserError } from './lib/cli.js';
import { GUEST_TYPES_DIR } from './lib/jco.js';
import { CROSSING_GUESTS } from './lib/crossings/guests.js';
import { GUESTS, PYTHON_FRONTEND, type PythonGuest, ROOT } from './lib/project.js';
import { ensurePythonTools, pythonBindings, pythonTool, toolEnv } from './lib/python.js';
import { run } from './lib/run.js';

const CONFIG = join(ROOT, PYTHON_FRONTEND, 'pyproject.toml');

/** Runs a check, turning its failure into the check's own output. */
async function check(what: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(command, args, { env: toolEnv(env) });
  } catch (error) {
    throw new UserError(`${what} failed:\n${(error as Error).message.split('\n').slice(1).join('\n')}`);
  }
}

const PYTHON_GUESTS = [...GUESTS, ...CROSSING_GUESTS].filter((g): g is PythonGuest => g.language === 'python');

main(async () => {
  await ensurePythonTools();
  const folders = [...new Set(PYTHON_GUESTS.flatMap((guest) => guest.sources))].map((folder) => join(ROOT, folder));
  await check('ruff format', pythonTool('ruff'), ['format', '--check', '--config', CONFIG, ...folders]);
  await check('ruff check', pythonTool('ruff'), ['check', '--config', CONFIG, ...folders]);
  for (const guest of PYTHON_GUESTS) {
    const bindings = join(GUEST_TYPES_DIR, 'python', `${guest.name}`);
    await pythonBindings(guest, bindings);
    const [home, ...path] = guest.sources.map((folder) => join(ROOT, folder));
    // From the build's entry module, mypy follows every module it imports.
    await check(
      `mypy (${guest.name}, world ${guest.world})`,
      pythonTool('mypy'),
      ['--config-file', CONFIG, join(home, `${guest.module}.py`)],
      {
        MYPYPATH: [home, ...path, bindings].join(':'),
      },
    );
    console.log(`mypy: ${guest.name} (${relative(ROOT, bindings)}) clean`);
  }
  console.log('ruff and mypy: the Python guests are clean');
});
