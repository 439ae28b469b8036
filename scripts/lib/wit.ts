// What a built component imports and exports, and what a world in wit/
// declares, as interface names such as `wasi:http/types@0.2.10`.
import { componentWitMetadataForWorld, metadataShow } from '@bytecodealliance/jco-transpile/wasm-tools';
import { readFile } from 'node:fs/promises';
import { componentInterfaces, type WorldInterfaces } from '../../runtime/index.js';

/** The interfaces a built component imports and exports, read from the component itself. */
export const builtInterfaces = async (wasmFile: string): Promise<WorldInterfaces> => componentInterfaces(await readFile(wasmFile));

/**
 * The guest languages whose engines a built component carries, read from
 * what its toolchains left in it: componentize-js marks its component's
 * language as JavaScript; componentize-py links CPython in as libpython.
 */
export async function builtLanguages(wasmFile: string): Promise<string[]> {
  const parts = await metadataShow(await readFile(wasmFile));
  const languages = new Set<string>();
  for (const part of parts) {
    const declared = part.producers.find(([field]) => field === 'language')?.[1] ?? [];
    if (part.metaType.tag === 'component' && declared.some(([language]) => language === 'JavaScript')) languages.add('JavaScript');
    if (part.name?.startsWith('libpython')) languages.add('Python');
  }
  return [...languages].sort();
}

type InterfaceMetadata = Awaited<ReturnType<typeof componentWitMetadataForWorld>>['imports'][number];

function interfaceName(meta: InterfaceMetadata): string {
  const version = meta.version ? `@${meta.version.major}.${meta.version.minor}.${meta.version.patch}` : '';
  return `${meta.namespace}:${meta.package}/${meta.interface}${version}`;
}

/** The interfaces a world in `witDir` imports (with what they use) and exports. */
export async function worldInterfaces(witDir: string, world: string): Promise<WorldInterfaces> {
  const meta = await componentWitMetadataForWorld({ tag: 'path', val: witDir }, world);
  return { imports: meta.imports.map(interfaceName).sort(), exports: meta.exports.map(interfaceName).sort() };
}
