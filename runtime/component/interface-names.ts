// Interface names as the component model writes them: `wasi:io/streams@0.2.12`.

/** The name without its version: `wasi:io/streams`, as jco's bindings ask for imports. */
export const unversioned = (name: string): string => name.replace(/@.*$/, '');

/**
 * Whether two versioned names may stand for each other, as wasmtime and wac
 * link them: the same interface, and versions that semver says are
 * compatible (the same major, or for 0.x the same minor).
 */
export function semverCompatible(a: string, b: string): boolean {
  const [nameA, versionA] = a.split('@');
  const [nameB, versionB] = b.split('@');
  if (nameA !== nameB || versionA === undefined || versionB === undefined) return a === b;
  const [majorA, minorA, patchA] = versionA.split(/[.+-]/);
  const [majorB, minorB, patchB] = versionB.split(/[.+-]/);
  if (versionA.includes('-') || versionB.includes('-')) return versionA === versionB;
  if (majorA !== majorB) return false;
  if (majorA !== '0') return true;
  return minorA === minorB && (minorA !== '0' || patchA === patchB);
}

export type WasiVersion = '0.2' | '0.3';

/** The export a component serves HTTP by, on each WASI version. */
export const HTTP_HANDLER: Record<WasiVersion, string> = { '0.2': 'wasi:http/incoming-handler', '0.3': 'wasi:http/handler' };

/** The WASI version a component serves HTTP on: 0.3 if it exports WASI 0.3's handler, else 0.2. */
export const wasiVersionOf = (exports: readonly string[]): WasiVersion =>
  exports.some((name) => unversioned(name) === HTTP_HANDLER['0.3']) ? '0.3' : '0.2';
