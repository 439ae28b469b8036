// npm run lint, its Python half: ruff's formatter and lint rules, then mypy
// (strict) against the bindings componentize-py generates from wit/, once
// per Python guest's world, since both worlds' bindings are the package
// `wit_world`.
import { join, relative } from 'node:path';
import { main, UserError } from './lib/cli.js';
import { GUEST_TYPES_DIR } from './lib/jco.js';
import { GUESTS, PYTHON_FRONTEND, ROOT } from './lib/project.js';
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

main(async () => {
  await ensurePythonTools();
  const sources = join(ROOT, PYTHON_FRONTEND);
  await check('ruff format', pythonTool('ruff'), ['format', '--check', '--config', CONFIG, sources]);
  await check('ruff check', pythonTool('ruff'), ['check', '--config', CONFIG, sources]);
  for (const guest of GUESTS.filter((g) => g.language === 'python')) {
    const bindings = join(GUEST_TYPES_DIR, 'python', guest.world);
    await pythonBindings(guest.world, bindings);
    // From the build's entry module, mypy follows every module it imports.
    await check(
      `mypy (${guest.name}, world ${guest.world})`,
      pythonTool('mypy'),
      ['--config-file', CONFIG, join(sources, `${guest.module}.py`)],
      {
        MYPYPATH: `${sources}:${bindings}`,
      },
    );
    console.log(`mypy: ${guest.name} (${relative(ROOT, bindings)}) clean`);
  }
  console.log('ruff and mypy: the Python frontend is clean');
});
