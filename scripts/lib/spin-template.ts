// A Spin template (templates/<id>/) rendered the way `spin new` renders it,
// for machines without Spin: the parameters of metadata/spin-template.toml
// checked against their patterns, every text file of content/ run through
// Liquid with Spin's filters, a `.tmpl` extension dropped, paths kept as
// they are. Spin stays the reference; the tests compare the two when it is
// on PATH.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Liquid } from 'liquidjs';
import { parse } from 'smol-toml';
import { UserError } from './cli.js';
import { ROOT } from './project.js';

export const TEMPLATES_DIR = join(ROOT, 'templates');

export interface TemplateParameter {
  prompt: string;
  default?: string;
  pattern?: string;
  /** The only values it takes, if it says: Spin asks with a choice. */
  allowed_values?: string[];
}

export interface SpinTemplate {
  id: string;
  dir: string;
  parameters: Record<string, TemplateParameter>;
}

/** The parameters Spin supplies itself rather than asking for. */
export interface BuiltIns {
  'project-name': string;
  authors: string;
  username: string;
}

export async function loadTemplate(id: string): Promise<SpinTemplate> {
  const dir = join(TEMPLATES_DIR, id);
  const metadata = join(dir, 'metadata', 'spin-template.toml');
  const text = await readFile(metadata, 'utf8').catch(() => {
    throw new UserError(`there is no template "${id}": ${relative(ROOT, metadata)} does not exist`);
  });
  const manifest = parse(text) as { id?: unknown; parameters?: Record<string, TemplateParameter> };
  if (manifest.id !== id)
    throw new UserError(`${relative(ROOT, metadata)}: id is "${String(manifest.id)}", not "${id}" as its folder says`);
  return { id, dir, parameters: manifest.parameters ?? {} };
}

/** Each parameter's value: the one given, else its default; a value its pattern or allowed values refuse, or a name it does not have, is an error. */
export function resolveValues(template: SpinTemplate, given: Record<string, string>): Record<string, string> {
  const unknown = Object.keys(given).filter((name) => !(name in template.parameters));
  if (unknown.length > 0) {
    throw new UserError(
      `template ${template.id} has no parameter ${unknown.join(', ')}; it has ${Object.keys(template.parameters).join(', ')}`,
    );
  }
  return Object.fromEntries(
    Object.entries(template.parameters).map(([name, parameter]) => {
      const value = given[name] ?? parameter.default;
      if (value === undefined) throw new UserError(`template ${template.id} needs a value for ${name} (${parameter.prompt})`);
      if (parameter.pattern !== undefined && !new RegExp(parameter.pattern).test(value)) {
        throw new UserError(`${name} "${value}" does not match the pattern ${parameter.pattern} of template ${template.id}`);
      }
      if (parameter.allowed_values !== undefined && !parameter.allowed_values.includes(value)) {
        throw new UserError(
          `${name} "${value}" is not one of the allowed values (${parameter.allowed_values.join(', ')}) of template ${template.id}`,
        );
      }
      return [name, value];
    }),
  );
}

/** A name `spin new` accepts for an app: Spin's kebab-case id. */
const KEBAB_ID = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** Words as Spin's case filters (the heck crate) find them: split at separators, at a lower-to-upper step, and before the last capital of an acronym. */
const words = (text: string): string[] => text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[A-Z]/g) ?? [];
const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** Spin's own filters, by the names its templates use. */
export const SPIN_FILTERS: Record<string, (text: string) => string> = {
  kebab_case: (text) => words(text).join('-').toLowerCase(),
  snake_case: (text) => words(text).join('_').toLowerCase(),
  pascal_case: (text) => words(text).map(capitalised).join(''),
  dotted_pascal_case: (text) => text.split('.').map(SPIN_FILTERS.pascal_case).join('.'),
  http_wildcard: (route) => (route.endsWith('/...') ? route : route.endsWith('/') ? `${route}...` : `${route}/...`),
};

function liquid(): Liquid {
  const engine = new Liquid({ strictVariables: true, strictFilters: true });
  for (const [name, filter] of Object.entries(SPIN_FILTERS)) engine.registerFilter(name, filter);
  return engine;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * A text file through Liquid, a binary one as it is, as Spin does. Where Spin
 * copies a text file Liquid cannot parse as it is, this says so: a template
 * of this project must parse.
 */
async function rendered(engine: Liquid, file: string, scope: object): Promise<Uint8Array | string> {
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
  try {
    return await engine.parseAndRender(text, scope);
  } catch (error) {
    throw new UserError(`${relative(ROOT, file)}: ${(error as Error).message}`);
  }
}

/** Writes the new application into `outputDir`; answers the files written, relative to it. */
export async function renderTemplate(
  template: SpinTemplate,
  outputDir: string,
  values: Record<string, string>,
  builtIns: BuiltIns,
): Promise<string[]> {
  const name = builtIns['project-name'];
  if (!KEBAB_ID.test(name))
    throw new UserError(`the app's name "${name}" must be kebab-cased, and each segment must begin with a letter, as spin new requires`);
  const engine = liquid();
  const scope = { ...values, ...builtIns, 'output-path': relative(process.cwd(), outputDir) || '.' };
  const content = join(template.dir, 'content');
  const written: string[] = [];
  for (const file of await filesUnder(content)) {
    const path = relative(content, file).replace(/\.tmpl$/, '');
    await mkdir(dirname(join(outputDir, path)), { recursive: true });
    await writeFile(join(outputDir, path), await rendered(engine, file, scope));
    written.push(path);
  }
  return written.sort();
}
