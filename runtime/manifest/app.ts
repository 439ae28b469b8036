// A Spin manifest resolved into what the runtime runs: the components its
// HTTP triggers use, with their variables and outbound permissions worked
// out, and the router of its public routes. Every problem that would stop
// Spin from starting the app is reported here, all at once, with the file
// and the key at fault.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { StartupError } from '../errors.js';
import { DEFAULT_LABEL } from '../key-value/config.js';
import { CHAINING_SUFFIX, chainingGrants, parseAllowedHost, type AllowedHost } from '../outbound/allowed-hosts.js';
import { Router, WELL_KNOWN_PREFIX } from '../routes/router.js';
import { componentIdProblem } from './component-id.js';
import { readDotenv } from './dotenv.js';
import { type AppDependency, dependedOn, resolveDependencies } from './dependencies.js';
import { loadManifest, type ManifestComponent, type SpinManifest } from './parse.js';
import { expandTemplate, resolveApplicationVariables } from './variables.js';

export interface AppComponent {
  id: string;
  /** Absolute path of the component's Wasm file. */
  wasm: string;
  allowedHosts: AllowedHost[];
  /** Component variables, templates filled in; what wasi:config/store answers. */
  variables: Map<string, string>;
  /** The component's `environment`, what wasi:cli/environment answers. */
  environment: Map<string, string>;
  /** Components linked to it when the app loads, each satisfying some of its imports. */
  dependencies: AppDependency[];
  /** The labels of the key-value stores it may open. */
  keyValueStores: string[];
}

export interface App {
  manifestFile: string;
  name: string;
  components: Map<string, AppComponent>;
  /** Components with only a private route: reachable only by service chaining. */
  privateComponents: string[];
  router: Router;
  /** Worth telling the operator, but not worth stopping for. */
  warnings: string[];
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Run only these components, as `spin up --component-id` does; all when empty. */
  componentIds?: readonly string[];
  /** Whether each component's Wasm file must exist here (not when the app will run from an image elsewhere). */
  requireSources?: boolean;
  /** The labels of the key-value stores the runtime config defines; `default` alone when not given. */
  storeLabels?: readonly string[];
}

function buildHint(config: ManifestComponent): string {
  const command = config.build?.command;
  if (!command) return 'build the component first';
  return `build it with "${Array.isArray(command) ? command.join(' && ') : command}"`;
}

/** A component's `key_value_stores`, each a label some store has, as Spin checks them when it loads the app. */
function storesOf(id: string, config: ManifestComponent, storeLabels: readonly string[], errors: string[]): string[] {
  const labels = config.key_value_stores ?? [];
  for (const [i, label] of labels.entries()) {
    if (storeLabels.includes(label)) continue;
    errors.push(
      `component.${id}.key_value_stores[${i}]: unknown key_value_stores label "${label}" for component "${id}" ` +
        `(the stores: ${storeLabels.join(', ')}); a runtime config file's [key_value_store.${label}] would define it`,
    );
  }
  return labels;
}

function resolveComponent(
  id: string,
  config: ManifestComponent,
  appDir: string,
  appValues: ReadonlyMap<string, string>,
  options: LoadOptions,
  declared: Readonly<Record<string, ManifestComponent>>,
  { errors, warnings }: Problems,
): AppComponent | undefined {
  const requireSources = options.requireSources ?? true;
  const key = `component.${id}`;
  if (typeof config.source !== 'string') {
    errors.push(`${key}.source: the local runtime runs local Wasm files only, not registry or URL sources`);
    return undefined;
  }
  const wasm = resolve(appDir, config.source);
  if (requireSources && !existsSync(wasm)) {
    errors.push(`${key}.source: ${relative(process.cwd(), wasm) || wasm} does not exist; ${buildHint(config)}`);
  }

  let allowedHosts: AllowedHost[] = [];
  let unresolved = false;
  for (const [i, entry] of (config.allowed_outbound_hosts ?? []).entries()) {
    let expanded: string;
    try {
      expanded = expandTemplate(entry, appValues);
    } catch (error) {
      // Spin starts such an app, and then cannot work out this component's permissions: it denies every request.
      warnings.push(`${key}.allowed_outbound_hosts[${i}]: ${(error as Error).message}; every outbound request of ${id} will be denied`);
      unresolved = true;
      continue;
    }
    // Spin skips an entry that a variable left empty (a literal `http://` is an error, as any malformed entry).
    if (expanded !== entry && (expanded === '' || expanded === 'http://' || expanded === 'https://')) continue;
    try {
      allowedHosts.push(parseAllowedHost(expanded));
    } catch (error) {
      errors.push(`${key}.allowed_outbound_hosts[${i}]: ${(error as Error).message}`);
    }
  }
  if (unresolved) allowedHosts = [];

  const variables = new Map<string, string>();
  for (const [name, template] of Object.entries(config.variables ?? {})) {
    try {
      variables.set(name, expandTemplate(template, appValues));
    } catch (error) {
      errors.push(`${key}.variables.${name}: ${(error as Error).message}`);
    }
  }
  const dependencies = resolveDependencies(id, config, appDir, declared, { errors, warnings });
  for (const dependency of requireSources ? dependencies : []) {
    if (!existsSync(dependency.wasm)) {
      errors.push(
        `${key}.dependencies."${dependency.name.key}": ${relative(process.cwd(), dependency.wasm) || dependency.wasm} does not exist; ${buildHint(config)}`,
      );
    }
  }
  const environment = new Map(Object.entries(config.environment ?? {}));
  const keyValueStores = storesOf(id, config, options.storeLabels ?? [DEFAULT_LABEL], errors);
  return { id, wasm, allowedHosts, variables, environment, dependencies, keyValueStores };
}

/** What stops the app from starting, and what is only worth saying. */
interface Problems {
  errors: string[];
  warnings: string[];
}

interface ComponentTrigger {
  component: string;
  /** `null` for a private route. */
  route: string | null;
}

function triggersOf(manifest: SpinManifest, errors: string[]): ComponentTrigger[] {
  return (manifest.trigger.http ?? []).flatMap((trigger, i): ComponentTrigger[] => {
    const key = `trigger.http[${i}]`;
    if (typeof trigger.component !== 'string') {
      errors.push(`${key}.component: the local runtime needs a component id here, not an inline component`);
      return [];
    }
    if (typeof trigger.route === 'object') {
      if (!trigger.route.private) {
        errors.push(`${key}.route: a route is a string pattern or { private = true }; { private = false } is neither`);
        return [];
      }
      return [{ component: trigger.component, route: null }];
    }
    return [{ component: trigger.component, route: trigger.route }];
  });
}

/**
 * Service chaining stays inside one process: a selected component that may
 * chain to one left out cannot run, as with Spin's selective deployments.
 */
function chainingAcrossSelection(selected: ReadonlyMap<string, AppComponent>, triggered: string[]): string[] {
  return [...selected.values()].flatMap((component) => {
    const grants = chainingGrants(component.allowedHosts);
    const targets = grants.all ? [...new Set(triggered)] : grants.ids;
    const missing = targets.filter((id) => id !== component.id && !selected.has(id));
    if (missing.length === 0) return [];
    const why = grants.all
      ? 'allowed_outbound_hosts lets it chain to any component (*.spin.internal)'
      : `allowed_outbound_hosts names ${missing.map((id) => `${id}.spin.internal`).join(', ')}`;
    const fix = `Select ${missing.join(', ')} too, or have ${component.id} reach ${missing.length > 1 ? 'them' : 'it'} by URL.`;
    return [
      `component ${component.id} chains to ${missing.join(', ')}, which is not selected: ${why}, ` +
        `and service chaining reaches only components running in the same process. ${fix}`,
    ];
  });
}

export function resolveApp(manifestFile: string, manifest: SpinManifest, options: LoadOptions = {}): App {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { values: appValues, errors: variableErrors } = resolveApplicationVariables(manifest, options.env ?? process.env);
  errors.push(...variableErrors);

  const declared = manifest.component ?? {};
  const known = Object.keys(declared).join(', ') || 'none';
  for (const id of Object.keys(declared)) {
    const problem = componentIdProblem(id);
    if (problem) errors.push(`component.${id}: "${id}" is not a component id Spin accepts: ${problem}`);
  }
  const selection = options.componentIds?.length ? options.componentIds : undefined;
  for (const id of selection ?? []) {
    if (!declared[id]) errors.push(`--component-id ${id}: this app has no component ${id} (its components: ${known})`);
  }
  const selected = (id: string): boolean => !selection || selection.includes(id);
  const triggers = triggersOf(manifest, errors);
  const components = new Map<string, AppComponent>();
  for (const [i, trigger] of triggers.entries()) {
    const config = declared[trigger.component];
    if (!config) {
      errors.push(`trigger.http[${i}].component: "${trigger.component}" is not a component of this app (its components: ${known})`);
      continue;
    }
    if (selected(trigger.component) && !components.has(trigger.component)) {
      const component = resolveComponent(trigger.component, config, dirname(manifestFile), appValues, options, declared, {
        errors,
        warnings,
      });
      if (component) components.set(component.id, component);
    }
  }
  const dependencies = dependedOn(declared);
  for (const id of Object.keys(declared)) {
    if (!triggers.some((t) => t.component === id) && !dependencies.has(id)) {
      warnings.push(`component ${id} is not used by any trigger, so it does not run`);
    }
  }
  if (selection)
    errors.push(
      ...chainingAcrossSelection(
        components,
        triggers.map((t) => t.component),
      ),
    );
  if (errors.length > 0) {
    throw new StartupError(`${manifestFile}: the app cannot start:\n  - ${errors.join('\n  - ')}`);
  }

  const running = triggers.filter((t) => components.has(t.component));
  const router = new Router(running.flatMap((t) => (t.route === null ? [] : [{ component: t.component, route: t.route }])));
  for (const d of router.duplicates) {
    warnings.push(`route ${d.route} is given twice; ${d.effective} serves it, not ${d.ignored}`);
  }
  for (const trigger of running) {
    if (trigger.route?.startsWith(WELL_KNOWN_PREFIX)) {
      warnings.push(`route ${trigger.route} of ${trigger.component} is never reached: the runtime answers ${WELL_KNOWN_PREFIX}... itself`);
    }
  }
  for (const component of components.values()) {
    for (const target of chainingGrants(component.allowedHosts).ids.filter((id) => !declared[id])) {
      warnings.push(`component ${component.id} may chain to ${target}${CHAINING_SUFFIX}, but this app has no component ${target}`);
    }
  }
  const routed = new Set(running.filter((t) => t.route !== null).map((t) => t.component));
  const privateComponents = [...new Set(running.filter((t) => t.route === null && !routed.has(t.component)).map((t) => t.component))];
  return { manifestFile, name: manifest.application.name, components, privateComponents, router, warnings };
}

/** The app of `manifestFile`, its variables from the environment and, where that has none, from `.env` in the working directory, as Spin takes them. */
export async function loadApp(manifestFile: string, options: LoadOptions = {}): Promise<App> {
  const env = { ...Object.fromEntries(await readDotenv()), ...(options.env ?? process.env) };
  return resolveApp(manifestFile, await loadManifest(manifestFile), { ...options, env });
}
