// A runtime config's `[key_value_store.<label>]` table of `type = "spin"`:
// an optional `path`, relative to the runtime config file's folder; without
// one, the store is in memory. Spin reads nothing else from the table and
// ignores what else is there; the local runtime says so.
import { resolve } from 'node:path';
import type { SpinStoreConfig } from '../config.js';

/** `at` names the table (`rc.toml: key_value_store.foo`); `baseDir` is the runtime config file's folder. */
export function spinStoreConfig(
  table: Readonly<Record<string, unknown>>,
  at: string,
  baseDir: string,
  { errors, warnings }: { errors: string[]; warnings: string[] },
): SpinStoreConfig | undefined {
  const { type: _type, path, ...rest } = table;
  for (const key of Object.keys(rest)) {
    warnings.push(`${at}.${key}: a "spin" store has no ${key}; Spin ignores it, and so does the local runtime`);
  }
  if (path === undefined) return { type: 'spin' };
  if (typeof path === 'string') return { type: 'spin', path: resolve(baseDir, path) };
  errors.push(`${at}.path: a path is a string, not ${JSON.stringify(path)}`);
  return undefined;
}
