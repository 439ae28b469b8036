// Spin variables: application variables with defaults or `required = true`,
// set from the environment as `SPIN_VARIABLE_<NAME>`, and `{{ name }}`
// templates that component variables and allowed_outbound_hosts use.
import type { SpinManifest } from './parse.js';

const NAME = /^[a-z][a-z0-9_]*$/;
const TEMPLATE = /\{\{\s*([^}\s]*)\s*\}\}/g;

export const envName = (variable: string): string => `SPIN_VARIABLE_${variable.toUpperCase()}`;

/**
 * The value of every application variable, or the errors that stop the app
 * from starting (each names the variable and how to set it).
 */
export function resolveApplicationVariables(
  manifest: SpinManifest,
  env: NodeJS.ProcessEnv,
): { values: Map<string, string>; errors: string[] } {
  const values = new Map<string, string>();
  const errors: string[] = [];
  for (const [name, variable] of Object.entries(manifest.variables ?? {})) {
    if (!NAME.test(name)) {
      errors.push(`variables.${name}: a variable name must be lower case letters, digits and underscores, starting with a letter`);
      continue;
    }
    const fromEnv = env[envName(name)];
    const hasDefault = typeof variable.default === 'string';
    if (variable.required && hasDefault) {
      errors.push(`variables.${name}: a variable cannot be both required and have a default`);
    } else if (!variable.required && !hasDefault) {
      errors.push(`variables.${name}: give it a default or mark it required = true`);
    } else if (fromEnv !== undefined) {
      values.set(name, fromEnv);
    } else if (hasDefault) {
      values.set(name, variable.default as string);
    } else {
      errors.push(`variables.${name} is required but has no value; set it with ${envName(name)}=... in the environment or in .env`);
    }
  }
  return { values, errors };
}

/** Fills `{{ name }}` from `values`. */
export function expandTemplate(template: string, values: ReadonlyMap<string, string>): string {
  return template.replace(TEMPLATE, (_, name: string) => {
    const value = values.get(name);
    if (value === undefined) throw new Error(`"{{ ${name} }}" refers to no application variable`);
    return value;
  });
}
