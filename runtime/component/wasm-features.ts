// WebAssembly features the components use that Node 20's V8 (11.3) compiles
// only behind a flag. componentize-py's CPython and componentize-qjs's QuickJS
// use extended constant expressions (`i32.add` in a global's initializer,
// for position-independent code); V8 ships them on by default from 11.4,
// and a V8 that ships them refuses the flag ("unrecognized flag"). A flag
// set at run time applies to every module compiled after it, in every thread.
import { setFlagsFromString } from 'node:v8';

/** The V8 flags this Node needs for the components' modules: none on Node 22 and later. */
export function wasmFeatureFlags(v8Version = process.versions.v8): string[] {
  const [major = 0, minor = 0] = v8Version.split('.').map(Number);
  return major < 11 || (major === 11 && minor < 4) ? ['--experimental-wasm-extended-const'] : [];
}

let enabled = false;

export function enableWasmFeatures(): void {
  if (enabled) return;
  for (const flag of wasmFeatureFlags()) setFlagsFromString(flag);
  enabled = true;
}
