// What a component imports and exports, as interface names with their
// versions (`wasi:http/types@0.2.10`), read from the component itself.
import { componentWit } from '@bytecodealliance/jco-transpile/wasm-tools';

export interface WorldInterfaces {
  imports: string[];
  exports: string[];
}

export async function componentInterfaces(bytes: Uint8Array): Promise<WorldInterfaces> {
  const wit = await componentWit(bytes);
  const names = (kind: 'import' | 'export'): string[] =>
    [...wit.matchAll(new RegExp(`^\\s*${kind} ([^\\s;]+);`, 'gm'))].map((match) => match[1]).sort();
  return { imports: names('import'), exports: names('export') };
}
