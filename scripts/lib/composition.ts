// What `npm run compose` demands of its inputs and of its result.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './project.js';
import { UserError } from './cli.js';
import { unversioned, type WorldInterfaces } from '../../runtime/index.js';

export interface Part {
  /** The guest, as `npm run build` names it. */
  guest: string;
  wasm: string;
}

/** Every part must have been built; the error names the file and the command that builds it. */
export function requireBuilt(parts: Part[]): void {
  const missing = parts.filter((part) => !existsSync(part.wasm));
  if (missing.length > 0) {
    throw new UserError(
      missing
        .map((part) => `${relative(ROOT, part.wasm)} is missing; build it with "npm run build -- ${part.guest}" (or "npm run build")`)
        .join('\n'),
    );
  }
}

/**
 * The composition must serve HTTP, must have satisfied inside itself every
 * import that one of its parts exports (the catalog, the crossings' shapes),
 * and may import nothing that none of its parts imports.
 */
export function compositionProblems(composed: WorldInterfaces, parts: WorldInterfaces[]): string[] {
  const allowed = new Set(parts.flatMap((part) => part.imports.map(unversioned)));
  const provided = new Set(parts.flatMap((part) => part.exports.map(unversioned)));
  return [
    ...(composed.exports.some((name) => unversioned(name) === 'wasi:http/incoming-handler')
      ? []
      : ['it does not export wasi:http/incoming-handler']),
    ...composed.imports.filter((name) => provided.has(unversioned(name))).map((name) => `it still imports ${name}`),
    ...composed.imports
      .filter((name) => !allowed.has(unversioned(name)))
      .map((name) => `it imports ${name}, which none of its parts imports`),
  ];
}
