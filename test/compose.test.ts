// Composing a component with its dependencies, below the HTTP level: which
// imports a dependency name matches (Spin's rules), which versions may stand
// for each other, what the plan and its WAC document say, and what the deny
// adapters export and import.
import { describe, expect, it } from 'vitest';
import { componentInterfaces } from '../runtime/component/interfaces.js';
import { semverCompatible } from '../runtime/component/interface-names.js';
import { wacDocument } from '../runtime/compose/compose.js';
import { DENY_ADAPTERS, denyAdapterComponent } from '../runtime/compose/deny-adapters.js';
import { planComposition } from '../runtime/compose/plan.js';
import { type AppDependency, type Capability, parseDependencyName, satisfies } from '../runtime/manifest/dependencies.js';

const name = (key: string) => {
  const parsed = parseDependencyName(key);
  if (!parsed) throw new Error(`${key} does not parse`);
  return parsed;
};

describe('a dependency name', () => {
  it.each([
    ['foo:bar/baz@0.1.0', ['foo:bar/baz@0.1.0']],
    ['foo:bar/baz', ['foo:bar/baz@0.1.0', 'foo:bar/baz']],
    ['foo:bar', ['foo:bar/baz@0.1.0', 'foo:bar/baz']],
    ['foo:bar@0.1.0', ['foo:bar/baz@0.1.0']],
    ['foo-bar', ['foo-bar']],
  ])('%s matches %j', (key, imports) => {
    for (const imported of imports) expect(satisfies(name(key), imported)).toBe(true);
  });

  it.each([
    ['foo:bar/baz@0.1.0', ['foo:bar/baz', 'foo:bar/baz@0.1.1']],
    ['foo:bar/baz', ['foo:bar/bub', 'foo:bar/bub@0.1.0', 'foo:bar/baz-bub', 'foo-bar']],
    ['foo:bar', ['foo:bub/bib']],
    ['foo:bar@0.1.0', ['foo:bar/baz']],
  ])('%s does not match %j', (key, imports) => {
    for (const imported of imports) expect(satisfies(name(key), imported)).toBe(false);
  });

  it.each(['Foo:bar', 'foo:bar/', 'foo bar', 'foo:bar/baz@', ':bar'])('%s is not a name', (key) => {
    expect(parseDependencyName(key)).toBeUndefined();
  });
});

describe('semver compatibility of interface versions', () => {
  it.each([
    ['wasi:http/outgoing-handler@0.2.10', 'wasi:http/outgoing-handler@0.2.6', true],
    ['wasi:cli/environment@0.2.12', 'wasi:cli/environment@0.2.10', true],
    ['wasi:http/outgoing-handler@0.3.0', 'wasi:http/outgoing-handler@0.2.10', false],
    ['a:b/c@1.2.0', 'a:b/c@1.9.3', true],
    ['a:b/c@2.0.0', 'a:b/c@1.0.0', false],
    ['a:b/c@0.0.1', 'a:b/c@0.0.2', false],
    ['wasi:config/store@0.2.0-draft-2024-09-27', 'wasi:config/store@0.2.0-draft-2024-09-27', true],
    ['wasi:config/store@0.2.0-draft-2024-09-27', 'wasi:config/store@0.2.0-draft', false],
    ['wasi:http/types@0.2.10', 'wasi:http/outgoing-handler@0.2.10', false],
  ])('%s and %s: %s', (a, b, compatible) => {
    expect(semverCompatible(a, b)).toBe(compatible);
  });
});

const dependency = (key: string, inherits: Capability[] = [], exported?: string): AppDependency => ({
  name: name(key),
  wasm: `/deps/${key.replace(/\W/g, '-')}.wasm`,
  export: exported,
  inherits: new Set(inherits),
});

const FRONTEND = {
  imports: ['bookserver:books/catalog@0.1.0', 'wasi:http/types@0.2.10', 'wasi:io/streams@0.2.12'],
  exports: ['wasi:http/incoming-handler@0.2.10'],
  digest: 'frontend-digest',
};
const CALLER = {
  imports: ['wasi:config/store@0.2.0-draft-2024-09-27', 'wasi:http/outgoing-handler@0.2.10', 'wasi:http/types@0.2.10'],
  exports: ['bookserver:books/catalog@0.1.0'],
  digest: 'caller-digest',
};

describe('a composition plan', () => {
  it('plugs the export of the import’s name, and denies what the dependency does not inherit', () => {
    const { plan, problems } = planComposition({
      id: 'frontend',
      wasm: '/app/frontend.wasm',
      component: FRONTEND,
      dependencies: [{ dependency: dependency('bookserver:books', ['variables']), interfaces: CALLER, file: 'caller.wasm' }],
    });
    expect(problems).toEqual([]);
    expect(plan.dependencies[0].plugs).toEqual([{ import: 'bookserver:books/catalog@0.1.0', export: 'bookserver:books/catalog@0.1.0' }]);
    expect(plan.dependencies[0].denied.map((d) => [d.adapter.capability, d.import])).toEqual([
      ['allowed_outbound_hosts', 'wasi:http/outgoing-handler@0.2.10'],
    ]);
  });

  it('names a missing export, a name that matches nothing and an import matched twice', () => {
    const { problems } = planComposition({
      id: 'frontend',
      wasm: '/app/frontend.wasm',
      component: FRONTEND,
      dependencies: [
        { dependency: dependency('bookserver:books/catalog', [], 'bookserver:books/shelf@0.1.0'), interfaces: CALLER, file: 'a.wasm' },
        { dependency: dependency('bookserver:books'), interfaces: CALLER, file: 'b.wasm' },
        { dependency: dependency('bookserver:authors'), interfaces: CALLER, file: 'c.wasm' },
      ],
    });
    expect(problems).toEqual([
      'component.frontend.dependencies."bookserver:books/catalog": a.wasm does not export bookserver:books/shelf@0.1.0 to satisfy bookserver:books/catalog@0.1.0 (it exports bookserver:books/catalog@0.1.0)',
      'component.frontend.dependencies."bookserver:authors": matches none of frontend\'s imports (those no host provides: bookserver:books/catalog@0.1.0)',
      'component.frontend.dependencies: bookserver:books/catalog@0.1.0 is matched by more than one dependency: "bookserver:books/catalog", "bookserver:books"',
    ]);
  });

  it('is written as a WAC document that plugs each import, instantiates each adapter once and exports the component’s exports', () => {
    const { plan } = planComposition({
      id: 'frontend',
      wasm: '/app/frontend.wasm',
      component: FRONTEND,
      dependencies: [{ dependency: dependency('bookserver:books'), interfaces: CALLER, file: 'caller.wasm' }],
    });
    const document = wacDocument(plan);
    expect(document).toContain('let d0-deny-outgoing-http = new deny:outgoing-http { ... };');
    expect(document).toContain('let d0-deny-variables = new deny:variables { ... };');
    expect(document).toContain('"wasi:http/outgoing-handler@0.2.10": d0-deny-outgoing-http["wasi:http/outgoing-handler@0.2.10"],');
    expect(document).toContain(
      '"wasi:config/store@0.2.0-draft-2024-09-27": d0-deny-variables["wasi:config/store@0.2.0-draft-2024-09-27"],',
    );
    expect(document).toContain('"bookserver:books/catalog@0.1.0": d0["bookserver:books/catalog@0.1.0"],');
    expect(document).toContain('export component["wasi:http/incoming-handler@0.2.10"];');
  });
});

describe('the deny adapters', () => {
  it.each(DENY_ADAPTERS.map((adapter) => [adapter.world, adapter]))(
    '%s exports its interface and imports only the types it needs',
    async (_world, adapter) => {
      const { imports, exports } = await componentInterfaces(await denyAdapterComponent(adapter));
      expect(exports).toEqual([adapter.exports]);
      expect(imports).toEqual(adapter.capability === 'allowed_outbound_hosts' ? ['wasi:http/types@0.2.10'] : []);
    },
  );
});
