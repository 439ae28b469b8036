// What can be known about a layout before it reaches a cluster: every
// SpinApp is valid for spin-operator's CRD; every app starts with its
// selection of components and its variables (so no service chaining crosses
// SpinApps); and every URL a component is configured with is allowed by its
// allowed_outbound_hosts and, when it is a Service of this layout, served by
// the SpinApp behind it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { allowsUrl, envName, loadManifest, resolveApp, StartupError, type App } from '../../../runtime/index.js';
import { ROOT } from '../project.js';
import { WIRINGS, type Wiring } from '../project.js';
import type { Layout, SpinAppResource, SpinVariable } from './layouts.js';

export const SPINAPP_CRD = join(ROOT, 'deploy', 'spinkube', 'core.spinkube.dev_spinapps.yaml');

interface Crd {
  spec: { versions: { name: string; schema: { openAPIV3Schema: object } }[] };
}

const crd = parse(readFileSync(SPINAPP_CRD, 'utf8')) as Crd;
const openApiSchema = crd.spec.versions.find((version) => version.name === 'v1alpha1')?.schema.openAPIV3Schema ?? {};
// OpenAPI's integer formats and Kubernetes' x- extensions say nothing a JSON-schema validator must check.
const ajv = new Ajv({ allErrors: true, strict: false });
for (const format of ['int32', 'int64']) ajv.addFormat(format, { type: 'number', validate: Number.isInteger });
ajv.addFormat('date-time', true);
const validateSpinApp = ajv.compile(openApiSchema);

const describe = (e: ErrorObject): string => `${e.instancePath || '(top level)'} ${e.message ?? e.keyword}`;

/** Problems with `resource` against the SpinApp CRD's schema. */
export function schemaProblems(resource: unknown): string[] {
  return validateSpinApp(resource) ? [] : (validateSpinApp.errors ?? []).map(describe);
}

/** The app a SpinApp runs: its manifest, its components, its variables (a Secret's as a stand-in); no Wasm files needed. */
async function appOf(resource: SpinAppResource, manifest: string): Promise<App> {
  const valueFor = (variable: SpinVariable): string =>
    'value' in variable ? variable.value : `<secret ${variable.valueFrom.secretKeyRef.name}/${variable.valueFrom.secretKeyRef.key}>`;
  const env = Object.fromEntries((resource.spec.variables ?? []).map((variable) => [envName(variable.name), valueFor(variable)]));
  return resolveApp(manifest, await loadManifest(manifest), { env, componentIds: resource.spec.components, requireSources: false });
}

/** `<service>.<namespace>.svc[.cluster.local]`, the form of a Service's in-cluster name. */
function service(hostname: string): { name: string; namespace: string } | undefined {
  const match = hostname.match(/^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?$/);
  return match ? { name: match[1], namespace: match[2] } : undefined;
}

export async function layoutProblems(
  layout: Layout,
  manifestFor: (wiring: Wiring) => string = (w) => join(ROOT, WIRINGS[w]),
): Promise<string[]> {
  const problems: string[] = [];
  const apps = new Map<string, { resource: SpinAppResource; app: App }>();
  for (const { wiring, resource } of layout.apps) {
    const at = `SpinApp ${resource.metadata.name}`;
    problems.push(...schemaProblems(resource).map((p) => `${at}: ${p}`));
    try {
      apps.set(`${resource.metadata.namespace}/${resource.metadata.name}`, { resource, app: await appOf(resource, manifestFor(wiring)) });
    } catch (error) {
      if (!(error instanceof StartupError)) throw error;
      problems.push(`${at}: ${error.message}`);
    }
  }
  for (const { resource, app } of apps.values()) {
    for (const component of app.components.values()) {
      for (const [name, value] of component.variables) {
        if (!/^https?:\/\//.test(value)) continue;
        const url = new URL(value);
        const at = `SpinApp ${resource.metadata.name}: component ${component.id}'s variable ${name} (${value})`;
        if (!allowsUrl(component.allowedHosts, url)) {
          const allowed = component.allowedHosts.map((h) => h.original).join(', ') || 'nothing';
          problems.push(`${at} is not allowed by its allowed_outbound_hosts, which allow ${allowed}`);
        }
        const target = service(url.hostname);
        if (!target) continue;
        const backing = apps.get(`${target.namespace}/${target.name}`);
        if (!backing) {
          problems.push(
            `${at} names Service ${target.name} in namespace ${target.namespace}, which no SpinApp of the ${layout.name} layout creates`,
          );
        } else if (!backing.app.router.match(url.pathname)) {
          problems.push(`${at} asks SpinApp ${target.name} for ${url.pathname}, which none of its public routes serves`);
        }
      }
    }
  }
  return problems;
}
