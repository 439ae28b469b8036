// A Spin manifest resolved into what the runtime runs: the components its
// HTTP triggers use, with their variables and outbound permissions worked
// out, and the router of its public routes. Every problem that would stop
// Spin from starting the app is reported here, all at once, with the file
// and the key at fault.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { loadManifest, ManifestError, type ComponentConfig, type SpinManifest } from './manifest.js';
import { parseAllowedHost, type AllowedHost } from './outbound-hosts.js';
import { Router } from './routes.js';
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
}

export interface App {
  manifestFile: string;
  name: string;
  components: Map<string, AppComponent>;
  /** Components with a private route: reachable only by service chaining. */
  privateComponents: string[];
  router: Router;
  /** Worth telling the operator, but not worth stopping for. */
  warnings: string[];
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
}

function buildHint(config: ComponentConfig): string {
  const command = config.build?.command;
  if (!command) return 'build the component first';
  return `build it with "${Array.isArray(command) ? command.join(' && ') : command}"`;
}

function resolveComponent(
  id: string,
  config: ComponentConfig,
  appDir: string,
  appValues: ReadonlyMap<string, string>,
  errors: string[],
): AppComponent | undefined {
  const key = `component.${id}`;
  if (typeof config.source !== 'string') {
    errors.push(`${key}.source: the local runtime runs local Wasm files only, not registry or URL sources`);
    return undefined;
  }
  const wasm = resolve(appDir, config.source);
  if (!existsSync(wasm)) {
    errors.push(`${key}.source: ${relative(process.cwd(), wasm) || wasm} does not exist; ${buildHint(config)}`);
  }

  const allowedHosts: AllowedHost[] = [];
  for (const [i, entry] of (config.allowed_outbound_hosts ?? []).entries()) {
    try {
      const expanded = expandTemplate(entry, appValues);
      // Spin skips an entry that a variable left empty.
      if (expanded === '' || expanded === 'http://' || expanded === 'https://') continue;
      allowedHosts.push(parseAllowedHost(expanded));
    } catch (error) {
      errors.push(`${key}.allowed_outbound_hosts[${i}]: ${(error as Error).message}`);
    }
  }

  const variables = new Map<string, string>();
  for (const [name, template] of Object.entries(config.variables ?? {})) {
    try {
      variables.set(name, expandTemplate(template, appValues));
    } catch (error) {
      errors.push(`${key}.variables.${name}: ${(error as Error).message}`);
    }
  }
  return { id, wasm, allowedHosts, variables, environment: new Map(Object.entries(config.environment ?? {})) };
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

export function resolveApp(manifestFile: string, manifest: SpinManifest, options: LoadOptions = {}): App {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { values: appValues, errors: variableErrors } = resolveApplicationVariables(manifest, options.env ?? process.env);
  errors.push(...variableErrors);

  const declared = manifest.component ?? {};
  const triggers = triggersOf(manifest, errors);
  const components = new Map<string, AppComponent>();
  for (const [i, trigger] of triggers.entries()) {
    const config = declared[trigger.component];
    if (!config) {
      const known = Object.keys(declared).join(', ') || 'none';
      errors.push(`trigger.http[${i}].component: "${trigger.component}" is not a component of this app (its components: ${known})`);
      continue;
    }
    if (!components.has(trigger.component)) {
      const component = resolveComponent(trigger.component, config, dirname(manifestFile), appValues, errors);
      if (component) components.set(component.id, component);
    }
  }
  for (const id of Object.keys(declared)) {
    if (!triggers.some((t) => t.component === id)) warnings.push(`component ${id} is not used by any trigger, so it does not run`);
  }
  if (errors.length > 0) {
    throw new ManifestError(`${manifestFile}: the app cannot start:\n  - ${errors.join('\n  - ')}`);
  }

  const router = new Router(triggers.flatMap((t) => (t.route === null ? [] : [{ component: t.component, route: t.route }])));
  for (const d of router.duplicates) {
    warnings.push(`route ${d.route} is given twice; ${d.effective} serves it, not ${d.ignored}`);
  }
  const privateComponents = [...new Set(triggers.filter((t) => t.route === null).map((t) => t.component))];
  return { manifestFile, name: manifest.application.name, components, privateComponents, router, warnings };
}

export async function loadApp(manifestFile: string, options: LoadOptions = {}): Promise<App> {
  return resolveApp(manifestFile, await loadManifest(manifestFile), options);
}
