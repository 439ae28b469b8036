// npm run build [-- <component>...]
// Generates TypeScript types from wit/, type-checks the guests and the Node
// side, then builds each guest that changed into build/<name>.wasm: the
// TypeScript ones with jco componentize, the Python ones with componentize-py.
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { fingerprint, isFresh, record } from './lib/fingerprint.js';
import { CROSSING_GUESTS } from './lib/crossings/guests.js';
import { BINDINGS_FIXES_DIR, componentize, generateTypes, GUEST_TYPES_DIR, HOST_TYPES_DIR, toolchain } from './lib/jco.js';
import { FIXTURES, GUESTS, ROOT, wasmPath, type Guest, type TypeScriptGuest } from './lib/project.js';
import { componentizePython, PYTHON_PACKAGES } from './lib/python.js';
import { buildWat } from './lib/wat.js';
import { main, UserError } from './lib/cli.js';
import { mebibytes, seconds } from './lib/format.js';
import { npmBin, run } from './lib/run.js';

/** Every guest there is: the app's, the tests', the crossings benchmark's. */
const BUILDABLE: readonly Guest[] = [...GUESTS, ...FIXTURES, ...CROSSING_GUESTS];

function selectGuests(names: string[]): readonly Guest[] {
  if (names.length === 0) return GUESTS;
  return names.map((name) => {
    const guest = BUILDABLE.find((g) => g.name === name);
    if (!guest) throw new UserError(`unknown component "${name}"; the components are ${BUILDABLE.map((g) => g.name).join(', ')}`);
    return guest;
  });
}

/** Types for every TypeScript guest's world, so that all of them type-check whichever are built. */
async function types(): Promise<void> {
  const guests = BUILDABLE.filter((g): g is TypeScriptGuest => g.language === 'typescript');
  const witDirs = [...new Set(guests.map((g) => g.wit ?? 'wit'))];
  const print = await fingerprint([...witDirs, 'runtime/wit'], toolchain());
  if (await isFresh('types', print, [GUEST_TYPES_DIR, HOST_TYPES_DIR])) return;
  console.log(`Generating TypeScript types from ${witDirs.join(', ')} with jco`);
  await generateTypes(guests);
  await record('types', print);
}

async function typecheck(): Promise<void> {
  const started = performance.now();
  await run(npmBin('tsc'), ['-p', 'components']);
  await run(npmBin('tsc'), ['-p', '.']);
  console.log(`Type-checked the components and the Node side in ${seconds(started)}`);
}

async function buildGuest(guest: Guest): Promise<void> {
  const print = await fingerprint(
    [
      ...guest.sources,
      'wit',
      ...(guest.language === 'typescript' ? ['components/bundle.config.mjs', relative(ROOT, BINDINGS_FIXES_DIR)] : []),
    ],
    {
      guest,
      ...(guest.language === 'python' ? { PYTHON_PACKAGES } : toolchain()),
    },
  );
  if (await isFresh(guest.name, print, [wasmPath(guest.name)])) {
    console.log(`Component ${guest.name} is up to date`);
    return;
  }
  const started = performance.now();
  if (guest.language === 'typescript') {
    console.log(`Building component ${guest.name} (world ${guest.world}, without ${guest.disable.join(', ')})`);
    await componentize(guest);
  } else if (guest.language === 'python') {
    console.log(`Building component ${guest.name} (world ${guest.world}, Python, with componentize-py)`);
    await componentizePython(guest);
  } else {
    console.log(`Building component ${guest.name} (world ${guest.world}, WebAssembly text)`);
    await buildWat(guest);
  }
  await record(guest.name, print);
  const { size } = await stat(wasmPath(guest.name));
  console.log(`Built ${relative(ROOT, wasmPath(guest.name))} (${mebibytes(size)}) in ${seconds(started)}`);
}

main(async () => {
  const started = performance.now();
  const guests = selectGuests(process.argv.slice(2));
  await types();
  await typecheck();
  for (const guest of guests) await buildGuest(guest);
  console.log(`Finished building ${guests.map((g) => g.name).join(', ')} in ${seconds(started)}`);
});
