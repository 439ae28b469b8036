// `[component.<id>.dependencies]`: components that satisfy another's imports,
// composed with it when the app loads (Spin's SIP 020 and 023). A name is an
// interface (`bookserver:books/catalog@0.1.0`, the version optional), a whole
// package (`bookserver:books`, `bookserver:books@0.1.0`) or a plain import
// name; a source is a local file or another component of the app (registry
// and URL sources need a registry or the network, which the local runtime
// does not reach). A dependency inherits nothing of its component's
// configuration unless the manifest says so.
import { resolve } from 'node:path';
import type { InheritConfiguration, ManifestComponent, ManifestDependency } from './parse.js';

/** The capability sets a dependency may inherit that the local runtime has. */
export const CAPABILITY_SETS = ['allowed_outbound_hosts', 'variables', 'environment', 'key_value_stores'] as const;
export type Capability = (typeof CAPABILITY_SETS)[number];
/** Sets Spin also knows, for hosts with more capabilities; nothing here to inherit. */
const SPIN_ONLY_SETS = ['ai_models', 'files', 'sqlite_databases'];
/** What a component used as a dependency may not have of its own, as Spin refuses it: it would not apply once composed. */
const OWN_CONFIGURATION = [
  'ai_models',
  'allowed_http_hosts',
  'allowed_outbound_hosts',
  'dependencies',
  'environment',
  'files',
  'key_value_stores',
  'sqlite_databases',
  'variables',
];

export interface DependencyName {
  /** As written in the manifest. */
  key: string;
  /** `namespace:package`, or the plain name. */
  package: string;
  interface?: string;
  version?: string;
}

export interface AppDependency {
  name: DependencyName;
  /** Absolute path of the dependency's Wasm file. */
  wasm: string;
  /** Its export to use, when not the import's own name. */
  export?: string;
  inherits: ReadonlySet<Capability>;
}

const PLAIN = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;
const WORD = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const PACKAGE = new RegExp(`^(${WORD}:${WORD})(?:/(${WORD}))?(?:@([0-9A-Za-z.+-]+))?$`);

export function parseDependencyName(key: string): DependencyName | undefined {
  if (PLAIN.test(key)) return { key, package: key };
  const match = key.match(PACKAGE);
  return match ? { key, package: match[1], interface: match[2], version: match[3] } : undefined;
}

/** Whether a dependency named `name` satisfies the import `importName` (`ns:pkg/iface@1.2.3`, or a plain name), as Spin matches them. */
export function satisfies(name: DependencyName, importName: string): boolean {
  const match = importName.match(/^([^/@]+:[^/@]+)\/([^@]+)(?:@(.+))?$/);
  if (!match) return name.interface === undefined && name.version === undefined && name.package === importName;
  const [, pkg, iface, version] = match;
  return (
    pkg === name.package &&
    (name.interface === undefined || name.interface === iface) &&
    (name.version === undefined || name.version === version)
  );
}

function inherited(setting: InheritConfiguration | null | undefined, key: string, warnings: string[]): Set<Capability> {
  if (setting === true) return new Set(CAPABILITY_SETS);
  if (!setting) return new Set();
  const known = setting.filter((name): name is Capability => (CAPABILITY_SETS as readonly string[]).includes(name));
  for (const name of setting.filter((n) => !known.includes(n as Capability))) {
    warnings.push(
      SPIN_ONLY_SETS.includes(name)
        ? `${key}.inherit_configuration: the local runtime has no ${name} for a dependency to inherit`
        : `${key}.inherit_configuration: "${name}" is not a capability set (they are ${[...CAPABILITY_SETS, ...SPIN_ONLY_SETS].join(', ')}); Spin ignores it, and it grants nothing`,
    );
  }
  return new Set(known);
}

function sourceOf(
  dependency: ManifestDependency,
  appDir: string,
  declared: Readonly<Record<string, ManifestComponent>>,
): { wasm: string } | { problem: string } {
  if (typeof dependency === 'string' || 'version' in dependency) {
    return {
      problem:
        'a registry dependency needs a registry, which the local runtime does not reach; give a local { path = "..." } or { component = "..." }',
    };
  }
  if ('url' in dependency)
    return { problem: 'a URL dependency is downloaded by Spin; the local runtime takes a local { path = "..." } or { component = "..." }' };
  if ('path' in dependency) return { wasm: resolve(appDir, dependency.path) };
  const component = declared[dependency.component] as (ManifestComponent & Record<string, unknown>) | undefined;
  if (!component) return { problem: `"${dependency.component}" is not a component of this app` };
  const own = OWN_CONFIGURATION.filter((name) => {
    const value = component[name];
    return value !== undefined && value !== null && Object.keys(value).length > 0;
  });
  if (own.length > 0) {
    return {
      problem: `component ${dependency.component} cannot be a dependency: it has ${own.join(', ')} of its own, which would not apply once composed`,
    };
  }
  if (typeof component.source !== 'string') return { problem: `component ${dependency.component} has no local source` };
  return { wasm: resolve(appDir, component.source) };
}

/** A component's dependencies, or what is wrong with each, naming its key. */
export function resolveDependencies(
  id: string,
  config: ManifestComponent,
  appDir: string,
  declared: Readonly<Record<string, ManifestComponent>>,
  problems: { errors: string[]; warnings: string[] },
): AppDependency[] {
  const entries = Object.entries(config.dependencies ?? {});
  const perDependency = entries.filter(([, d]) => typeof d !== 'string' && d.inherit_configuration != null).map(([name]) => name);
  if (config.dependencies_inherit_configuration != null && perDependency.length > 0) {
    problems.errors.push(
      `component.${id}: dependencies_inherit_configuration and the inherit_configuration of ${perDependency.map((n) => `"${n}"`).join(', ')} ` +
        'exclude each other, as in Spin; say it once or per dependency',
    );
  }
  return entries.flatMap(([written, dependency]): AppDependency[] => {
    const key = `component.${id}.dependencies."${written}"`;
    const name = parseDependencyName(written);
    if (!name) {
      problems.errors.push(
        `${key}: a dependency is named by an interface (ns:pkg/iface, with an optional @version), a package (ns:pkg) or a plain import name`,
      );
      return [];
    }
    const source = sourceOf(dependency, appDir, declared);
    if ('problem' in source) {
      problems.errors.push(`${key}: ${source.problem}`);
      return [];
    }
    const options: { export?: string | null; inherit_configuration?: InheritConfiguration | null } =
      typeof dependency === 'string' ? {} : dependency;
    const inherits = inherited(options.inherit_configuration ?? config.dependencies_inherit_configuration, key, problems.warnings);
    return [{ name, wasm: source.wasm, export: options.export ?? undefined, inherits }];
  });
}

/** The ids of the components that other components use as dependencies (`{ component = "..." }`). */
export function dependedOn(declared: Readonly<Record<string, ManifestComponent>>): Set<string> {
  return new Set(
    Object.values(declared).flatMap((config) =>
      Object.values(config.dependencies ?? {}).flatMap((d) => (typeof d !== 'string' && 'component' in d ? [d.component] : [])),
    ),
  );
}
