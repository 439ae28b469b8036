// What a built component imports and exports, and what a world in wit/
// declares, as interface names such as `wasi:http/types@0.2.10`.
import { componentWit, componentWitMetadataForWorld } from '@bytecodealliance/jco-transpile/wasm-tools';
import { readFile } from 'node:fs/promises';

export interface WorldInterfaces {
  imports: string[];
  exports: string[];
}

/** The interfaces a component imports and exports, read from the component itself. */
export async function componentInterfaces(wasmFile: string): Promise<WorldInterfaces> {
  const wit = await componentWit(await readFile(wasmFile));
  const names = (kind: 'import' | 'export'): string[] =>
    [...wit.matchAll(new RegExp(`^\\s*${kind} ([^\\s;]+);`, 'gm'))].map((match) => match[1]).sort();
  return { imports: names('import'), exports: names('export') };
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

/** `wasi:io/streams@0.2.12` without its version. */
export const unversioned = (name: string): string => name.replace(/@.*$/, '');
