// A QuickJS guest that imports an async function, built by componentize-qjs
// 0.5.0's CLI, since the 0.4.5 that jco runs cannot build one: its entry
// bundled into one ES module by esbuild, the WIT interfaces left for
// componentize-qjs to bind, then componentized against its world.
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUILD_DIR, packageVersion, ROOT, type TypeScriptGuest, wasmPath, witDirOf } from './project.js';
import { run } from './run.js';
import { COMPONENTIZE_QJS, ensureTool } from './tools.js';

/** The toolchain whose output such a build depends on. */
export const cliToolchain = (): Record<string, string> => ({
  componentizeQjs: COMPONENTIZE_QJS.version,
  esbuild: packageVersion('esbuild'),
});

export async function componentizeWithCli(guest: TypeScriptGuest): Promise<void> {
  const bundle = join(BUILD_DIR, 'bundles', `${guest.name}.js`);
  await build({
    entryPoints: [join(ROOT, guest.entry)],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // The WIT interfaces, which componentize-qjs binds (components/bundle.config.mjs keeps bookserver's for jco).
    external: ['wasi:*', 'bookserver:*'],
    // componentize-qjs 0.5.0 takes a 64-bit integer as a bigint (components/shared/wit-values.ts).
    define: { WIT_U64_IS_BIGINT: 'true' },
    logLevel: 'warning',
  });
  const cli = await ensureTool(COMPONENTIZE_QJS);
  await run(cli, ['--wit', witDirOf(guest), '--world', guest.world, '--js', bundle, '-o', wasmPath(guest.name)]);
}
