// An app's components made ready for the workers: each checked (a Wasm
// component, serving HTTP, every import provided), composed with its
// dependencies when it has any, and compiled; or every reason it cannot
// run, naming the manifest key and the file at fault.
import { relative } from 'node:path';
import { type CompiledComponent, compileComponent } from '../component/compile.js';
import { HTTP_HANDLER, unversioned } from '../component/interface-names.js';
import { type FileInterfaces, fileInterfaces } from '../component/interfaces.js';
import { componentFileProblem } from '../component/wasm-file.js';
import { compose, describePlan } from '../compose/compose.js';
import { planComposition } from '../compose/plan.js';
import { StartupError } from '../errors.js';
import type { App, AppComponent } from '../manifest/app.js';
import { missingImports } from '../wasi/imports.js';
import type { WorkerInit } from './protocol.js';

/** Whether this Node can run WASI 0.3 guests: their bindings suspend through JSPI. */
const hasJspi = (): boolean => 'Suspending' in WebAssembly;

const shown = (path: string): string => relative(process.cwd(), path) || path;

/** Whether `wasm` can be a component at all, else why not (`at` names the manifest key). */
async function isComponentFile(wasm: string, at: string, problems: string[]): Promise<boolean> {
  const fileProblem = await componentFileProblem(wasm);
  if (fileProblem) problems.push(`${at}: ${shown(wasm)} ${fileProblem}`);
  return fileProblem === undefined;
}

/** What a component file imports and exports, or why it cannot be read (`at` names the manifest key). */
async function interfacesOf(wasm: string, at: string, problems: string[]): Promise<FileInterfaces | undefined> {
  if (!(await isComponentFile(wasm, at, problems))) return undefined;
  try {
    return await fileInterfaces(wasm);
  } catch (error) {
    problems.push(`${at}: ${shown(wasm)} cannot be read as a component: ${String((error as Error).message ?? error).split('\n')[0]}`);
    return undefined;
  }
}

export interface CompileOptions {
  /** The wac that composes components with their dependencies; needed only when some component has any. */
  wac?: string;
}

export interface CompiledApp {
  components: WorkerInit['components'];
  /** What was composed, to say at start-up: a heading per component with dependencies, then a line per dependency. */
  composed: string[];
}

/** The file that runs for `config`: its own, or its composition with its dependencies. */
async function runnableFile(
  config: AppComponent,
  options: CompileOptions,
  problems: string[],
  composed: string[],
): Promise<string | undefined> {
  const at = `component.${config.id}.source`;
  if (config.dependencies.length === 0) return (await isComponentFile(config.wasm, at, problems)) ? config.wasm : undefined;
  const own = await interfacesOf(config.wasm, at, problems);
  const dependencies = [];
  for (const dependency of config.dependencies) {
    const interfaces = await interfacesOf(dependency.wasm, `component.${config.id}.dependencies."${dependency.name.key}"`, problems);
    if (interfaces) dependencies.push({ dependency, interfaces, file: shown(dependency.wasm) });
  }
  if (!own || dependencies.length < config.dependencies.length) return undefined;

  const { plan, problems: planProblems } = planComposition({ id: config.id, wasm: config.wasm, component: own, dependencies });
  problems.push(...planProblems);
  if (planProblems.length > 0) return undefined;
  if (!options.wac) {
    problems.push(`component.${config.id}.dependencies: composing a component with its dependencies needs wac (npm run tools installs it)`);
    return undefined;
  }
  const started = performance.now();
  try {
    const { wasm, cached } = await compose(plan, options.wac);
    const how = cached ? 'as cached' : `by wac in ${((performance.now() - started) / 1000).toFixed(1)}s`;
    composed.push(`Composed ${config.id} with its dependencies, ${how}:`, ...describePlan(plan).map((line) => `  ${line}`));
    return wasm;
  } catch (error) {
    problems.push(`component.${config.id}.dependencies: ${(error as Error).message}`);
    return undefined;
  }
}

export async function compileApp(app: App, options: CompileOptions = {}): Promise<CompiledApp> {
  const problems: string[] = [];
  const components: WorkerInit['components'] = [];
  const composed: string[] = [];
  for (const config of app.components.values()) {
    const wasm = await runnableFile(config, options, problems, composed);
    if (!wasm) continue;
    const what = wasm === config.wasm ? shown(wasm) : `the composition of ${shown(config.wasm)} with its dependencies`;
    let component: CompiledComponent;
    try {
      component = await compileComponent(wasm);
    } catch (error) {
      problems.push(
        `component.${config.id}.source: ${what} cannot be read as a component: ${String((error as Error).message ?? error).split('\n')[0]}`,
      );
      continue;
    }
    const handler = HTTP_HANDLER[component.wasi];
    if (!component.exports.some((name) => unversioned(name) === handler)) {
      const exports = component.exports.map(unversioned).join(', ') || 'nothing';
      problems.push(
        `component.${config.id}.source: ${shown(config.wasm)} exports neither ${HTTP_HANDLER['0.2']} nor ${HTTP_HANDLER['0.3']}, so it cannot serve HTTP (it exports ${exports})`,
      );
    }
    if (component.wasi === '0.3' && !hasJspi()) {
      problems.push(
        `component.${config.id}.source: ${what} targets WASI 0.3, whose guests need JSPI (WebAssembly.Suspending), which Node ${process.version} lacks; use Node 24.20 or later`,
      );
    }
    const who =
      config.dependencies.length > 0
        ? 'the local runtime does not provide and no dependency satisfies'
        : 'the local runtime does not provide';
    for (const name of missingImports(component.imports)) {
      const fix = name.startsWith('wasi:') ? '' : `; an entry in [component.${config.id}.dependencies] can satisfy it`;
      problems.push(`component ${config.id} imports ${name}, which ${who}${fix}`);
    }
    components.push({ config, compiled: component });
  }
  if (problems.length > 0) throw new StartupError(`${app.manifestFile}: the app cannot start:\n  - ${problems.join('\n  - ')}`);
  return { components, composed };
}
