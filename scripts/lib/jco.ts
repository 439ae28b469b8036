// The jco steps of a build: WIT to TypeScript types, TypeScript to a component.
// (The local runtime transpiles components itself: runtime/component/transpile.ts.)
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageVersion, ROOT, type TypeScriptGuest, wasmPath, witDirOf } from './project.js';
import { run } from './run.js';
import { ensureTool, WEVAL } from './tools.js';

/**
 * jco 1.35's CLI, called by path: the runtime's second jco (1.10, for its
 * bindings generator) installs a `jco` command too, so node_modules/.bin/jco
 * may be either.
 */
const JCO_CLI = join(ROOT, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');
const jco = (args: string[], preload: string[] = []): Promise<string> =>
  run(process.execPath, [...preload.flatMap((module) => ['--import', module]), JCO_CLI, ...args]);

/** What fixes componentize-js's bindings as jco builds a component (scripts/lib/componentize-js/). */
export const BINDINGS_FIXES_DIR = join(ROOT, 'scripts', 'lib', 'componentize-js');
const BINDINGS_FIXES = ['tsx', join(BINDINGS_FIXES_DIR, 'preload.ts')];

/** The toolchain whose output a build depends on. */
export const toolchain = (): Record<string, string> => ({
  jco: packageVersion('@bytecodealliance/jco'),
  componentizeJs: packageVersion('@bytecodealliance/componentize-js'),
});

export const GUEST_TYPES_DIR = join(ROOT, 'components', 'generated');
export const HOST_TYPES_DIR = join(ROOT, 'runtime', 'generated');
/**
 * The WASI 0.3 worlds' types, apart: jco names a file by its interface
 * without the version, so wasi:http/types@0.3.0 would overwrite @0.2.10.
 */
const WASI_03_TYPES_DIR = join(GUEST_TYPES_DIR, 'wasi-0.3');

/**
 * Drops from the WASI 0.3 folder each interface the main folder declares
 * alike (TypeScript refuses a type declared twice), pointing what referred to
 * it at the main folder's.
 */
async function dropDeclaredTwice(): Promise<void> {
  const interfaces = join(WASI_03_TYPES_DIR, 'interfaces');
  const same: string[] = [];
  for (const file of await readdir(interfaces)) {
    const main = await readFile(join(GUEST_TYPES_DIR, 'interfaces', file), 'utf8').catch(() => undefined);
    if (main === (await readFile(join(interfaces, file), 'utf8'))) same.push(file);
  }
  await Promise.all(same.map((file) => rm(join(interfaces, file))));
  const kept = [
    ...(await readdir(WASI_03_TYPES_DIR))
      .filter((file) => file.endsWith('.d.ts'))
      .map((file) => ({ file: join(WASI_03_TYPES_DIR, file), up: '../' })),
    ...(await readdir(interfaces)).map((file) => ({ file: join(interfaces, file), up: '../../' })),
  ];
  for (const { file, up } of kept) {
    const text = await readFile(file, 'utf8');
    const pointed = text.replace(/<reference path="\.\/(?:interfaces\/)?([^"]+)" \/>/g, (whole, name: string) =>
      same.includes(name) ? `<reference path="${up}interfaces/${name}" />` : whole,
    );
    if (pointed !== text) await writeFile(file, pointed);
  }
}

/** Guest types for the guests' worlds (one folder per WASI version: the worlds share interfaces) and the host's types. */
export async function generateTypes(guests: readonly TypeScriptGuest[]): Promise<void> {
  await rm(GUEST_TYPES_DIR, { recursive: true, force: true });
  const worlds = new Map(guests.map((guest) => [`${witDirOf(guest)} ${guest.world}`, guest]));
  for (const guest of worlds.values()) {
    const out = guest.wasi === '0.3' ? WASI_03_TYPES_DIR : GUEST_TYPES_DIR;
    await jco(['guest-types', witDirOf(guest), '--world-name', guest.world, '-o', out, '-q']);
  }
  if ([...worlds.values()].some((guest) => guest.wasi === '0.3')) await dropDeclaredTwice();
  await rm(HOST_TYPES_DIR, { recursive: true, force: true });
  await jco(['types', join(ROOT, 'runtime', 'wit'), '--world-name', 'host', '-o', HOST_TYPES_DIR, '-q']);
}

/** What a guest's engine takes besides the common arguments: componentize-qjs, or componentize-js with its features and the AoT compiler. */
async function engineArgs(guest: TypeScriptGuest): Promise<string[]> {
  // componentize-qjs's async runtime only for WASI 0.3: a WASI 0.2 guest exports no async function.
  if (guest.engine === 'quickjs') return ['--backend', 'qjs', ...(guest.wasi === '0.3' ? [] : ['--backend-qjs-disable-async'])];
  const aot = guest.aot ? ['--aot', '--weval-bin', await ensureTool(WEVAL)] : [];
  const disable = guest.disable.length > 0 ? ['--disable', ...guest.disable] : [];
  return [...disable, ...aot, ...(guest.namedEngine ? ['--debug-starlingmonkey-build'] : [])];
}

export async function componentize(guest: TypeScriptGuest): Promise<void> {
  await jco(
    [
      'componentize',
      // Absolute: with --backend qjs, jco 1.35 resolves a relative entry from the entry's folder (test/jco-workarounds.test.ts).
      join(ROOT, guest.entry),
      '--wit',
      witDirOf(guest),
      '--world-name',
      guest.world,
      ...(await engineArgs(guest)),
      '--bundle-config',
      join(ROOT, 'components', 'bundle.config.mjs'),
      '-o',
      wasmPath(guest.name),
    ],
    guest.stockBindings || guest.engine === 'quickjs' ? [] : BINDINGS_FIXES,
  );
}
