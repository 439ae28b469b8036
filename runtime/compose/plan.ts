// What composing a component with its dependencies means, worked out before
// any tool runs, as Spin's compose crate works it out: every import each
// dependency's name matches (by package, interface and exact version, as far
// as the name gives them), the export that satisfies it, the imports more than
// one dependency matches, and which of each dependency's imports a deny
// adapter takes because the dependency does not inherit that capability.
// Every problem names the manifest key at fault.
import { semverCompatible, unversioned } from '../component/interface-names.js';
import type { FileInterfaces } from '../component/interfaces.js';
import { type AppDependency, satisfies } from '../manifest/dependencies.js';
import { missingImports } from '../wasi/imports.js';
import { DENY_ADAPTERS, type DenyAdapter } from './deny-adapters.js';

/** One import, satisfied by one export of another component (both with their versions). */
export interface Plug {
  import: string;
  export: string;
}

export interface PlannedDependency {
  dependency: AppDependency;
  /** The digest of its file's content. */
  digest: string;
  /** The component's imports this dependency satisfies. */
  plugs: Plug[];
  /** The dependency's own imports that deny adapters take, since it does not inherit them. */
  denied: { adapter: DenyAdapter; import: string }[];
}

export interface CompositionPlan {
  /** The component's id. */
  id: string;
  /** The component's file, and the digest of its content. */
  wasm: string;
  digest: string;
  exports: string[];
  dependencies: PlannedDependency[];
}

export interface PlanInput {
  id: string;
  wasm: string;
  component: FileInterfaces;
  dependencies: { dependency: AppDependency; interfaces: FileInterfaces; file: string }[];
}

const keyOf = (id: string, dependency: AppDependency): string => `component.${id}.dependencies."${dependency.name.key}"`;

export function planComposition({ id, wasm, component, dependencies }: PlanInput): { plan: CompositionPlan; problems: string[] } {
  const problems: string[] = [];
  const matches = dependencies.map(({ dependency }) => component.imports.filter((name) => satisfies(dependency.name, name)));
  const planned = dependencies.map(({ dependency, interfaces, file }, i): PlannedDependency => {
    const key = keyOf(id, dependency);
    const matched = matches[i];
    if (matched.length === 0) {
      const open = missingImports(component.imports);
      problems.push(`${key}: matches none of ${id}'s imports (those no host provides: ${open.join(', ') || 'none'})`);
    }
    const plugs = matched.flatMap((name): Plug[] => {
      const exported = dependency.export ?? name;
      if (interfaces.exports.includes(exported)) return [{ import: name, export: exported }];
      problems.push(
        `${key}: ${file} does not export ${exported} to satisfy ${name} (it exports ${interfaces.exports.join(', ') || 'nothing'})`,
      );
      return [];
    });
    const denied = DENY_ADAPTERS.filter((adapter) => !dependency.inherits.has(adapter.capability)).flatMap((adapter) =>
      interfaces.imports.filter((name) => semverCompatible(name, adapter.exports)).map((name) => ({ adapter, import: name })),
    );
    // Spin's deny adapter stands in for wasi:keyvalue/store alone, and Spin fails the same way here.
    for (const adapter of new Set(denied.map((d) => d.adapter))) {
      for (const name of interfaces.imports.filter((i) => adapter.usedBy?.includes(unversioned(i)))) {
        problems.push(
          `${key}: ${file} imports ${name}, which uses ${adapter.exports}'s types, and does not inherit ${adapter.capability}: ` +
            `the deny adapter stands in for ${unversioned(adapter.exports)} alone, as Spin's does, so the two cannot be composed ` +
            `(Spin cannot either); inherit ${adapter.capability}`,
        );
      }
    }
    for (const name of missingImports(interfaces.imports)) {
      problems.push(`${key}: ${file} imports ${name}, which the local runtime does not provide`);
    }
    return { dependency, digest: interfaces.digest, plugs, denied };
  });
  for (const name of new Set(matches.flat())) {
    const by = dependencies.filter((_, i) => matches[i].includes(name)).map(({ dependency }) => `"${dependency.name.key}"`);
    if (by.length > 1) problems.push(`component.${id}.dependencies: ${name} is matched by more than one dependency: ${by.join(', ')}`);
  }
  return { plan: { id, wasm, digest: component.digest, exports: component.exports, dependencies: planned }, problems };
}
