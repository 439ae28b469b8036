// The npm scripts' own promises: incremental builds, and errors that say
// which file is at fault and which command fixes it.
import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compositionProblems, requireBuilt } from '../scripts/lib/composition.js';
import { wasmPath } from '../scripts/lib/project.js';
import { UserError } from '../scripts/lib/cli.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { type CargoTool, ensureTool } from '../scripts/lib/tools.js';

describe('npm run build', () => {
  it('does not rebuild an unchanged component', async () => {
    const before = await stat(wasmPath('book-api'));
    const output = await run(npmBin('tsx'), ['scripts/build.ts', 'book-api']);
    expect(output).toContain('Component book-api is up to date');
    expect((await stat(wasmPath('book-api'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('names the components when asked for one that does not exist', async () => {
    await expect(run(npmBin('tsx'), ['scripts/build.ts', 'book-apy'])).rejects.toThrow(
      /unknown component "book-apy"; the components are book-api-plain, http-face, book-api-sm, frontend-http, .*, book-api, frontend-wit, bookserver-wit,/,
    );
  });
});

describe('npm run compose', () => {
  it('names a missing input and the command that builds it', () => {
    expect(() => requireBuilt([{ guest: 'book-api', wasm: '/nowhere/book-api.wasm' }])).toThrow(
      /book-api\.wasm is missing; build it with "npm run build -- book-api"/,
    );
  });

  const parts = [
    { imports: ['wasi:io/poll@0.2.12', 'wasi:cli/stderr@0.2.12'], exports: ['bookserver:books/catalog@0.1.0'] },
    { imports: ['bookserver:books/catalog@0.1.0', 'wasi:io/poll@0.2.12'], exports: ['wasi:http/incoming-handler@0.2.10'] },
  ];

  it('accepts a composition that serves HTTP and imports only what its parts import', () => {
    const composed = { imports: ['wasi:io/poll@0.2.12', 'wasi:cli/stderr@0.2.12'], exports: ['wasi:http/incoming-handler@0.2.10'] };
    expect(compositionProblems(composed, parts)).toEqual([]);
  });

  it("accepts one that serves HTTP with WASI 0.3's handler", () => {
    expect(compositionProblems({ imports: [], exports: ['wasi:http/handler@0.3.0'] }, parts)).toEqual([]);
  });

  it('rejects a composition that left the catalog unplugged, gained an import or serves nothing', () => {
    const composed = { imports: ['bookserver:books/catalog@0.1.0', 'wasi:random/random@0.2.12'], exports: [] };
    expect(compositionProblems(composed, parts)).toEqual([
      'it exports neither wasi:http/incoming-handler nor wasi:http/handler',
      'it still imports bookserver:books/catalog@0.1.0',
      'it imports wasi:random/random@0.2.12, which none of its parts imports',
    ]);
  });

  it('says how to get wac when neither wac nor cargo can be found', async () => {
    const emptyPath = await mkdtemp(join(tmpdir(), 'no-tools-'));
    const savedPath = process.env.PATH;
    process.env.PATH = emptyPath;
    try {
      const missing = ensureTool({ bin: 'wac-that-is-not-there', crate: 'wac-cli', version: '0.12.0', cargoArgs: [] });
      await expect(missing).rejects.toThrow(UserError);
      await expect(missing).rejects.toThrow(/cargo is not available to install it[\s\S]*https:\/\/rustup\.rs/);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe("npm run tools' cargo tools", () => {
  const tool: CargoTool = { bin: 'qjs-like', crate: 'qjs-like-cli', version: '0.5.0', cargoArgs: [], versionFromCargo: true };

  /** A PATH with npm's node_modules/.bin first, and a cargo root whose record says `recorded`; each holds the tool. */
  async function pathWithTool(recorded: string): Promise<{ path: string; cargoBin: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'cargo-tools-'));
    const npmBinDir = join(dir, 'node_modules', '.bin');
    const cargoBin = join(dir, 'root', 'bin');
    await Promise.all([mkdir(npmBinDir, { recursive: true }), mkdir(cargoBin, { recursive: true })]);
    await writeFile(join(npmBinDir, tool.bin), '');
    await writeFile(join(cargoBin, tool.bin), '');
    const installs = { [`${tool.crate} ${recorded} (registry+https://github.com/rust-lang/crates.io-index)`]: { bins: [tool.bin] } };
    await writeFile(join(dir, 'root', '.crates2.json'), JSON.stringify({ installs }));
    return { path: `${npmBinDir}:${cargoBin}`, cargoBin };
  }

  it("takes one from PATH but never from npm's node_modules/.bin, with the version cargo recorded for it", async () => {
    const savedPath = process.env.PATH;
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const same = await pathWithTool('0.5.0');
      process.env.PATH = same.path;
      expect(await ensureTool(tool)).toBe(join(same.cargoBin, tool.bin));
      expect(log).not.toHaveBeenCalled();
      const older = await pathWithTool('0.4.9');
      process.env.PATH = older.path;
      expect(await ensureTool(tool)).toBe(join(older.cargoBin, tool.bin));
      expect(log).toHaveBeenCalledWith(`Using qjs-like 0.4.9 from ${join(older.cargoBin, tool.bin)} (bookserver is tested with 0.5.0)`);
    } finally {
      process.env.PATH = savedPath;
      log.mockRestore();
    }
  });
});
