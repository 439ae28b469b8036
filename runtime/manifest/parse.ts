// Spin application manifests (spin.toml, version 2): parsed as TOML and
// checked against Spin's own JSON schema, with errors that name the file and
// the key at fault.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse, TomlError } from 'smol-toml';
import { ManifestError } from '../errors.js';

/** The parts of a manifest the project reads; the schema has checked the rest. */
export interface SpinManifest {
  spin_manifest_version: 2;
  application: { name: string; version?: string; description?: string };
  variables?: Record<string, SpinVariable>;
  trigger: { http?: HttpTrigger[] };
  component?: Record<string, ManifestComponent>;
}

export interface SpinVariable {
  default?: string | null;
  required?: boolean;
  secret?: boolean;
}

export interface HttpTrigger {
  route: string | { private: boolean };
  component?: string | ManifestComponent | null;
}

/** A `[component.<id>]` table as written. */
export interface ManifestComponent {
  source: string | { url: string; digest: string } | { package: string; version: string };
  allowed_outbound_hosts?: string[];
  variables?: Record<string, string>;
  environment?: Record<string, string>;
  /** The labels of the key-value stores it may open. */
  key_value_stores?: string[];
  build?: { command: string | string[]; workdir?: string | null; watch?: string[] } | null;
  /** Import name (an interface, a package, or a plain name) to the component that satisfies it. */
  dependencies?: Record<string, ManifestDependency>;
  dependencies_inherit_configuration?: boolean | null;
}

/** What Spin may inherit to a dependency: all, nothing, or named capability sets such as "allowed_outbound_hosts". */
export type InheritConfiguration = boolean | string[];

interface DependencyOptions {
  /** The dependency's export that satisfies the import, when it is not the import's own name. */
  export?: string | null;
  inherit_configuration?: InheritConfiguration | null;
}

/** A dependency as written: from a registry (a version), a URL, a local file, or another component of the app. */
export type ManifestDependency =
  | string
  | (DependencyOptions & { version: string; registry?: string | null; package?: string | null })
  | (DependencyOptions & { url: string; digest: string })
  | (DependencyOptions & { path: string })
  | (DependencyOptions & { component: string });

// Spin's schema (schemas.spinframework.dev, manifest v2), kept beside this module.
const schema: object = createRequire(import.meta.url)('./schema/spin-manifest-v2.schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
// schemars marks unsigned integers with a format of its own; the range is in the schema too.
ajv.addFormat('uint', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
const validate = ajv.compile<SpinManifest>(schema);

function describe(error: ErrorObject): string {
  const at = error.instancePath.split('/').slice(1).join('.') || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at}: unknown key "${String(error.params.additionalProperty)}"`;
    case 'required':
      return `${at}: missing key "${String(error.params.missingProperty)}"`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

function parseToml(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ManifestError(`${file}:${error.line}:${error.column}: invalid TOML: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

export function parseManifest(file: string, text: string): SpinManifest {
  const document = parseToml(file, text);
  if (validate(document)) return document;
  // anyOf/oneOf report every branch; the specific messages under them say what is wrong.
  const specific = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  const messages = [...new Set(specific.map(describe))];
  throw new ManifestError(`${file} is not a valid Spin manifest:\n  - ${messages.join('\n  - ')}`);
}

export async function loadManifest(file: string): Promise<SpinManifest> {
  return parseManifest(file, await readFile(file, 'utf8'));
}
