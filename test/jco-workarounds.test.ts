// The two ways the build goes around jco 1.35's command line, each checked
// against the jco installed, so that the day jco changes, a test says which
// workaround can go (or has broken) instead of a build going wrong quietly:
// - scripts/lib/wat.ts embeds a world with jco-transpile's `componentEmbed`
//   and its `world`, since `jco embed --world-name` passes the name on as
//   `worldName`, which wasm-tools does not read: a package of several worlds
//   is refused as if none were named;
// - scripts/lib/jco.ts gives `jco componentize` an absolute entry, since with
//   `--backend qjs` a relative one is resolved from the entry's own folder.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { customSection } from '../runtime/index.js';
import { ROOT } from '../scripts/lib/project.js';
import { run } from '../scripts/lib/run.js';

const JCO = join(ROOT, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');
const jco = (args: string[], cwd = ROOT): Promise<string> => run(process.execPath, [JCO, ...args], { cwd });

/** A WIT package with two worlds, each exporting a function of its own name. */
const WIT = `package test:worlds;

world first {
  export first-only: func();
}

world second {
  export second-only: func();
}
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jco-workarounds-'));
  await writeFile(join(dir, 'worlds.wit'), WIT);
});

describe('jco 1.35 embed', () => {
  it('ignores --world-name, asking for a world to be chosen: keep componentEmbed with `world` (scripts/lib/wat.ts)', async () => {
    const { componentEmbed, parse } = await import('@bytecodealliance/jco-transpile/wasm-tools');
    const core = await parse('(module)');
    await writeFile(join(dir, 'core.wasm'), core);
    const embedded = jco([
      'embed',
      '--wit',
      join(dir, 'worlds.wit'),
      '--world-name',
      'second',
      '-o',
      join(dir, 'embedded.wasm'),
      join(dir, 'core.wasm'),
    ]);
    await expect(embedded).rejects.toThrow(/multiple worlds/);
    const section = Buffer.from(
      customSection(await componentEmbed({ binary: core, witPath: dir, world: 'second' }), 'component-type') ?? [],
    ).toString('latin1');
    expect(section).toContain('second-only');
    expect(section).not.toContain('first-only');
  });
});

describe('jco 1.35 componentize --backend qjs', () => {
  const componentize = (entry: string, out: string) =>
    jco(['componentize', entry, '--wit', join(dir, 'worlds.wit'), '--world-name', 'first', '--backend', 'qjs', '-o', join(dir, out)], dir);

  it("looks for a relative entry from the entry's own folder: keep the absolute entry (scripts/lib/jco.ts)", async () => {
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'src', 'entry.js'), 'export function firstOnly() {}\n');
    await expect(componentize(join('src', 'entry.js'), 'relative.wasm')).rejects.toThrow(/src\/src\/entry\.js/);
    await componentize(join(dir, 'src', 'entry.js'), 'absolute.wasm');
    expect((await readFile(join(dir, 'absolute.wasm'))).length).toBeGreaterThan(0);
  }, 60_000);
});
