// The app's key-value stores by label, as the runtime config defines them
// (runtime/runtime-config/), and the one Spin always defines: `default`, a
// SQLite file in the state directory, or in memory without one.
import { join } from 'node:path';
import { type RedisStoreConfig, redisAddress } from './redis/config.js';

/** A `type = "spin"` store: Spin's SQLite table, in a file (an absolute path) or in memory. */
export interface SpinStoreConfig {
  type: 'spin';
  path?: string;
}

/** What keeps a store's data. */
export type StoreConfig = SpinStoreConfig | RedisStoreConfig;

/** Label to store, `default` always among them. */
export type StoreConfigs = ReadonlyMap<string, StoreConfig>;

export const DEFAULT_LABEL = 'default';
/** Where Spin keeps the default store in the state directory. */
export const DEFAULT_FILE = 'sqlite_key_value.db';

/** The default store: in `stateDir`, or in memory when there is none. */
export const defaultStore = (stateDir: string | undefined): StoreConfig => ({
  type: 'spin',
  path: stateDir === undefined ? undefined : join(stateDir, DEFAULT_FILE),
});

/** Spin's words for where a store keeps its data, as its start-up line says them. */
export function describeStore(config: StoreConfig): string {
  if (config.type === 'redis') return redisAddress(config.url);
  return config.path === undefined ? 'a temporary in-memory store' : JSON.stringify(config.path);
}

/** What an app has when nothing says otherwise: the default store, in memory. */
export const IN_MEMORY_DEFAULT: StoreConfigs = new Map([[DEFAULT_LABEL, defaultStore(undefined)]]);
