// A component file made runnable in this thread, in one call: for the
// tests and the runtime's own benchmark, which need no worker threads.
import { compileComponent } from './compile.js';
import { Component } from './component.js';

/** Transpiles, compiles and loads the component in `wasmFile`, ready to instantiate. */
export async function loadComponent(wasmFile: string): Promise<Component> {
  return Component.fromCompiled(await compileComponent(wasmFile));
}
