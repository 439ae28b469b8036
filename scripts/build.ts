// npm run build [-- <component>...]
// Generates TypeScript types from wit/, type-checks the guests and the Node
// side, then builds each guest that changed into build/<name>.wasm: the
// TypeScript ones with jco componentize (on StarlingMonkey or QuickJS), the
// Python ones with componentize-py, the WebAssembly text ones with jco's
// wasm-tools, the Rust ones with cargo. A composition named (book-api) is
// built from its parts.
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { fingerprint, isFresh, record } from './lib/fingerprint.js';
import { BUILDABLE, COMPOSABLE } from './lib/buildable.js';
import { compose } from './lib/composition.js';
import { cliToolchain, componentizeWithCli } from './lib/componentize-qjs.js';
import { BINDINGS_FIXES_DIR, componentize, generateTypes, GUEST_TYPES_DIR, HOST_TYPES_DIR, toolchain } from './lib/jco.js';
import { type Composition, GUESTS, ROOT, wasmPath, type Guest, type TypeScriptGuest } from './lib/project.js';
import { componentizePython, PYTHON_PACKAGES } from './lib/python.js';
import { buildWat } from './lib/wat.js';
import { buildRust, rustcVersion } from './lib/cargo.js';
import { main, UserError } from './lib/cli.js';
import { fileSize, seconds } from './lib/format.js';
import { npmBin, run } from './lib/run.js';

type Target = { guest: Guest } | { composition: Composition };

/** What a name stands for, a composition after the parts it needs, each once. */
function targetsOf(names: string[], into: Target[] = []): Target[] {
  for (const name of names) {
    const guest = BUILDABLE.find((g) => g.name === name);
    const composition = COMPOSABLE.find((c) => c.name === name);
    if (composition) targetsOf(Object.values(composition.deps), into);
    if (!guest && !composition) {
      const known = [...BUILDABLE, ...COMPOSABLE].map((g) => g.name).join(', ');
      throw new UserError(`unknown component "${name}"; the components are ${known}`);
    }
    const target = guest ? { guest } : { composition: composition as Composition };
    if (!into.some((t) => JSON.stringify(t) === JSON.stringify(target))) into.push(target);
  }
  return into;
}

/** Types for every TypeScript guest's world, so that all of them type-check whichever are built. */
async function types(): Promise<void> {
  const guests = BUILDABLE.filter((g): g is TypeScriptGuest => g.language === 'typescript');
  const witDirs = [...new Set(guests.map((g) => g.wit ?? 'wit'))];
  // The worlds too: a guest added on a world already in wit/ needs its types.
  const worlds = guests.map((g) => `${g.wit ?? 'wit'} ${g.world} ${g.wasi ?? '0.2'}`);
  const print = await fingerprint([...witDirs, 'runtime/wit'], { ...toolchain(), worlds });
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
      ...(guest.language === 'python'
        ? { PYTHON_PACKAGES }
        : guest.language === 'rust'
          ? { rustc: await rustcVersion() }
          : guest.language === 'typescript' && guest.asyncImports
            ? cliToolchain()
            : toolchain()),
    },
  );
  if (await isFresh(guest.name, print, [wasmPath(guest.name)])) {
    console.log(`Component ${guest.name} is up to date`);
    return;
  }
  const started = performance.now();
  if (guest.language === 'typescript') {
    const how =
      guest.engine === 'quickjs'
        ? `QuickJS${guest.asyncImports ? ", componentize-qjs's CLI" : ''}`
        : `${guest.aot ? 'StarlingMonkey ahead of time, ' : ''}${guest.disable.length > 0 ? `without ${guest.disable.join(', ')}` : 'with every feature'}`;
    console.log(`Building component ${guest.name} (world ${guest.world}, ${how})`);
    await (guest.asyncImports ? componentizeWithCli(guest) : componentize(guest));
  } else if (guest.language === 'python') {
    console.log(`Building component ${guest.name} (world ${guest.world}, Python, with componentize-py)`);
    await componentizePython(guest);
  } else if (guest.language === 'rust') {
    console.log(`Building component ${guest.name} (world ${guest.world}, Rust, with cargo)`);
    await buildRust(guest);
  } else {
    console.log(`Building component ${guest.name} (world ${guest.world}, WebAssembly text)`);
    await buildWat(guest);
  }
  await record(guest.name, print);
  const { size } = await stat(wasmPath(guest.name));
  console.log(`Built ${relative(ROOT, wasmPath(guest.name))} (${fileSize(size)}) in ${seconds(started)}`);
}

main(async () => {
  const started = performance.now();
  const names = process.argv.slice(2);
  const targets = names.length === 0 ? GUESTS.map((guest) => ({ guest })) : targetsOf(names);
  await types();
  await typecheck();
  for (const target of targets) {
    if ('guest' in target) await buildGuest(target.guest);
    else await compose(target.composition);
  }
  const built = targets.map((t) => ('guest' in t ? t.guest.name : t.composition.name));
  console.log(`Finished building ${built.join(', ')} in ${seconds(started)}`);
});
