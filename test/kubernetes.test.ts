// Running on SpinKube: the rendered SpinApps, the project's own check of a
// layout, and the runtime's messages when a selection cannot run.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { allowsUrl, loadManifest, resolveApp } from '../runtime/index.js';
import { layoutProblems, schemaProblems } from '../scripts/lib/kubernetes/check.js';
import { API_TOKEN_SECRET, layouts, REDIS_SECRET, type Layout, type SpinAppResource } from '../scripts/lib/kubernetes/layouts.js';
import { ROOT } from '../scripts/lib/project.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { WIRINGS, type Wiring } from '../scripts/lib/project.js';
import { runUp } from './support/runtime.js';

const IMAGE = 'example.test/bookserver:0.1.0';
const options = { image: IMAGE, namespace: 'default', replicas: 2 };
const layout = (name: Layout['name']): Layout => layouts(options).find((l) => l.name === name) as Layout;
const TOKEN_FROM_SECRET = { name: 'api_token', valueFrom: { secretKeyRef: { ...API_TOKEN_SECRET } } };

describe('npm run deploy:render', () => {
  let out: string;
  let rendered: Map<string, SpinAppResource[]>;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'kubernetes-'));
    await run(npmBin('tsx'), ['scripts/deploy-render.ts', '--image', IMAGE, '--out', out]);
    rendered = new Map();
    for (const name of ['together', 'apart', 'composed', 'deps']) {
      const documents = parseAllDocuments(await readFile(join(out, `${name}.yaml`), 'utf8'));
      rendered.set(name, documents.map((d) => d.toJSON() as SpinAppResource).filter(Boolean));
    }
  }, 60_000);

  it('writes the three layouts, every resource valid against the SpinApp CRD', () => {
    expect([...rendered.keys()]).toEqual(['together', 'apart', 'composed', 'deps']);
    for (const resources of rendered.values()) {
      for (const resource of resources)
        expect({ name: resource.metadata.name, problems: schemaProblems(resource) }).toEqual({
          name: resource.metadata.name,
          problems: [],
        });
    }
  });

  it('runs each wiring from its own image: chain together, network apart, wit composed, deps composed by Spin', () => {
    const images = (name: string): string[] => (rendered.get(name) ?? []).map((r) => r.spec.image);
    expect(images('together')).toEqual([`${IMAGE}-chain`]);
    expect(images('apart')).toEqual([`${IMAGE}-network`, `${IMAGE}-network`]);
    expect(images('composed')).toEqual([`${IMAGE}-wit`]);
    expect(images('deps')).toEqual([`${IMAGE}-deps`]);
    expect(rendered.get('together')?.[0].spec.components).toBeUndefined();
    expect(rendered.get('apart')?.map((r) => r.spec.components)).toEqual([['book-api'], ['frontend']]);
  });

  it("points the apart frontend's URL and outbound permission at book-api's Service", async () => {
    const [api, frontend] = rendered.get('apart') ?? [];
    const origin = `http://${api.metadata.name}.default.svc.cluster.local`;
    expect(frontend.spec.variables).toEqual([{ name: 'api_origin', value: origin }, TOKEN_FROM_SECRET]);
    // As the frontend's pods will resolve it: the runtime's reading of the manifest with that variable.
    const manifest = join(ROOT, WIRINGS.network);
    const app = resolveApp(manifest, await loadManifest(manifest), {
      env: { SPIN_VARIABLE_API_ORIGIN: origin, SPIN_VARIABLE_API_TOKEN: 't' },
      componentIds: ['frontend'],
    });
    const component = app.components.get('frontend');
    expect(component?.variables.get('book_api_url')).toBe(`${origin}/api`);
    expect(allowsUrl(component?.allowedHosts ?? [], new URL(`${origin}/api`))).toBe(true);
  });

  it('refuses an image without a tag, and no image at all', async () => {
    await expect(run(npmBin('tsx'), ['scripts/deploy-render.ts', '--image', 'example.test/bookserver'])).rejects.toThrow(
      '--image example.test/bookserver has no tag; write it as registry/repository:tag',
    );
    await expect(run(npmBin('tsx'), ['scripts/deploy-render.ts'])).rejects.toThrow('--image is required');
  });
});

describe('the token', () => {
  it('comes from a Secret in every SpinApp, as Spin requires it of every app, whatever its components read', () => {
    for (const { apps } of layouts({ image: IMAGE, namespace: 'default', replicas: 1 })) {
      for (const { resource } of apps) expect(resource.spec.variables, resource.metadata.name).toContainEqual(TOKEN_FROM_SECRET);
    }
  });
});

describe('the store', () => {
  it('is one Redis for every replica of book-api, its URL from a Secret; the frontend alone has none', () => {
    const shared = { name: 'default', type: 'redis', options: [{ name: 'url', valueFrom: { secretKeyRef: { ...REDIS_SECRET } } }] };
    for (const { apps } of layouts({ image: IMAGE, namespace: 'default', replicas: 2 })) {
      for (const { resource } of apps) {
        const runsBookApi = resource.spec.components === undefined || resource.spec.components.includes('book-api');
        expect(resource.spec.runtimeConfig, resource.metadata.name).toEqual(runsBookApi ? { keyValueStores: [shared] } : undefined);
      }
    }
  });
});

describe("the project's check of a layout", () => {
  it('passes the layouts it renders', async () => {
    for (const name of ['together', 'apart', 'composed', 'deps'] as const) expect(await layoutProblems(layout(name))).toEqual([]);
  });

  it('rejects an outbound permission that does not cover the address the frontend is given', async () => {
    const fixture = join(ROOT, 'test', 'fixtures', 'manifests', 'apart-fixed-permission.toml');
    const manifestFor = (wiring: Wiring): string => (wiring === 'network' ? fixture : join(ROOT, WIRINGS[wiring]));
    expect(await layoutProblems(layout('apart'), manifestFor)).toEqual([
      "SpinApp bookserver-frontend: component frontend's variable book_api_url (http://bookserver-book-api.default.svc.cluster.local/api) is not allowed by its allowed_outbound_hosts, which allow http://127.0.0.1:3000",
    ]);
  });

  it('rejects a Service that no SpinApp of the layout creates', async () => {
    const apart = layout('apart');
    const frontend = apart.apps[1].resource;
    frontend.spec.variables = [{ name: 'api_origin', value: 'http://bookserver-bookapi.default.svc.cluster.local' }, TOKEN_FROM_SECRET];
    expect(await layoutProblems(apart)).toEqual([
      "SpinApp bookserver-frontend: component frontend's variable book_api_url (http://bookserver-bookapi.default.svc.cluster.local/api) names Service bookserver-bookapi in namespace default, which no SpinApp of the apart layout creates",
    ]);
  });

  it('rejects service chaining split across SpinApps', async () => {
    const apart = layout('apart');
    for (const app of apart.apps) app.wiring = 'chain';
    const problems = await layoutProblems(apart);
    expect(problems.join('\n')).toContain('component frontend chains to book-api, which is not selected');
  });

  it('rejects a resource the CRD would refuse', async () => {
    const together = layout('together');
    (together.apps[0].resource.spec as unknown as Record<string, unknown>).replicas = 'two';
    expect(await layoutProblems(together)).toEqual(['SpinApp bookserver: /spec/replicas must be integer']);
  });
});

// Serving the apart layout's two halves is in test/conformance/component-id.test.ts.
describe('--component-id, for the layouts', () => {
  it('refuses to split the chain wiring, whose frontend reaches book-api by service chaining', async () => {
    const { code, stderr } = await runUp(['--wiring', 'chain', '--component-id', 'frontend']);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'component frontend chains to book-api, which is not selected: allowed_outbound_hosts names book-api.spin.internal',
    );
  });

  it('names a component id the app does not have', async () => {
    const { code, stderr } = await runUp(['--wiring', 'network', '--component-id', 'bookapi']);
    expect(code).toBe(1);
    expect(stderr).toContain('--component-id bookapi: this app has no component bookapi (its components: book-api, frontend)');
  });
});
