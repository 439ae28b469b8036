// WebAssembly features the components use that Node 20's V8 (11.3) compiles
// only behind a flag. componentize-py's CPython uses extended constant
// expressions (`i32.add` in a global's initializer, for position-independent
// code); V8 ships them on by default from version 11.4. A flag set at run
// time applies to every module compiled after it, in every thread.
import { setFlagsFromString } from 'node:v8';

let enabled = false;

export function enableWasmFeatures(): void {
  if (enabled) return;
  setFlagsFromString('--experimental-wasm-extended-const');
  enabled = true;
}
