// Spin's runtime config (`--runtime-config-file`, a TOML file) and the state
// directory, as `spin up` works them out (Spin's runtime-config crate). The
// state directory is `--state-dir`, else the file's `state_dir`, else the
// manifest's `.spin`; an empty one means none. A path of the state directory
// is relative to the current directory; a store's `path` to the file's
// folder. Spin stops on a key it does not read, and so does the local
// runtime, which also stops on what Spin reads and it has nothing for, so
// that an app never runs with less than its file asks for.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { StartupError } from '../errors.js';
import { DEFAULT_LABEL, defaultStore, type StoreConfig, type StoreConfigs } from '../key-value/config.js';
import { redisStoreConfig } from '../key-value/redis/config.js';
import { spinStoreConfig } from '../key-value/spin/config.js';

/** Keys Spin reads from a runtime config that the local runtime has nothing for. */
const SPIN_ONLY_KEYS = [
  'log_dir',
  'max_instance_memory',
  'sqlite_database',
  'llm_compute',
  'variables_provider',
  'config_provider',
  'outbound_networking',
  'client_tls',
  'outbound_http',
  'outbound_redis',
  'outbound_pg',
  'outbound_mysql',
  'outbound_mqtt',
];
/** Store types Spin has that the local runtime does not. */
const SPIN_ONLY_STORE_TYPES = ['azure_cosmos', 'aws_dynamo'];

export interface RuntimeConfigOptions {
  /** `--state-dir`, relative to the current directory; empty for none. */
  stateDir?: string;
  /** The manifest's folder, whose `.spin` is the state directory unless told otherwise. */
  appDir: string;
}

export interface RuntimeConfig {
  /** Absolute; none when unset, and then the default store is in memory. */
  stateDir?: string;
  keyValueStores: StoreConfigs;
  /** What `spin up` says it uses from the file: `[key_value_store.foo: spin]`. */
  summaries: string[];
  /** Worth saying, not worth stopping for. */
  warnings: string[];
}

type Table = Record<string, unknown>;

const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function stateDirOf(document: Table, options: RuntimeConfigOptions, warnings: string[]): string | undefined {
  let given = options.stateDir;
  if (given === undefined && document.state_dir !== undefined) {
    if (typeof document.state_dir === 'string') given = document.state_dir;
    else warnings.push(`state_dir: a state directory is a string, not ${JSON.stringify(document.state_dir)}; Spin ignores it`);
  }
  if (given === undefined) return join(options.appDir, '.spin');
  return given === '' ? undefined : resolve(given);
}

function storeConfig(
  label: string,
  table: unknown,
  file: string,
  problems: { errors: string[]; warnings: string[] },
): StoreConfig | undefined {
  const at = `key_value_store.${label}`;
  if (!isTable(table)) {
    problems.errors.push(`${at}: a store is a table ([key_value_store.${label}]), not ${JSON.stringify(table)}`);
    return undefined;
  }
  const type = table.type;
  if (type === 'spin') return spinStoreConfig(table, at, dirname(file), problems);
  if (type === 'redis') return redisStoreConfig(table, at, problems);
  if (type === undefined) problems.errors.push(`${at}: missing key "type" (the local runtime has "spin" and "redis" stores)`);
  else if (typeof type === 'string' && SPIN_ONLY_STORE_TYPES.includes(type)) {
    problems.errors.push(`${at}.type: the local runtime has no "${type}" stores, only "spin" (SQLite) and "redis"`);
  } else problems.errors.push(`${at}.type: ${JSON.stringify(type)} is not a store type Spin has; the local runtime has "spin" and "redis"`);
  return undefined;
}

/** A runtime config file as parsed: its absolute path and its document. */
export interface RuntimeConfigFile {
  file: string;
  document: Table;
}

/** The runtime config that `source` (or no file) and the options make; every problem in it, naming the file and the key. */
export function resolveRuntimeConfig(source: RuntimeConfigFile | undefined, options: RuntimeConfigOptions): RuntimeConfig {
  const { file, document } = source ?? { file: 'no runtime config file', document: {} };
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(document)) {
    if (key === 'state_dir' || key === 'key_value_store') continue;
    errors.push(
      SPIN_ONLY_KEYS.includes(key)
        ? `${key}: the local runtime has nothing for this key Spin reads; leave it out to run here`
        : `${key}: not a runtime config key (Spin stops on it too: "unused runtime config key(s)")`,
    );
  }
  const stateDir = stateDirOf(document, options, warnings);
  const stores = new Map<string, StoreConfig>();
  const summaries: string[] = [];
  const tables = document.key_value_store ?? {};
  if (!isTable(tables)) errors.push(`key_value_store: a table of stores ([key_value_store.<label>]), not ${JSON.stringify(tables)}`);
  for (const [label, table] of Object.entries(isTable(tables) ? tables : {})) {
    const config = storeConfig(label, table, file, { errors, warnings });
    if (config) {
      stores.set(label, config);
      summaries.push(`[key_value_store.${label}: ${config.type}]`);
    }
  }
  if (errors.length > 0) throw new StartupError(`${file}: the runtime config cannot be used:\n  - ${errors.join('\n  - ')}`);
  if (!stores.has(DEFAULT_LABEL)) stores.set(DEFAULT_LABEL, defaultStore(stateDir));
  return { stateDir, keyValueStores: stores, summaries, warnings: warnings.map((warning) => `${file}: ${warning}`) };
}

function parseToml(file: string, text: string): Table {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError)
      throw new StartupError(`${file}:${error.line}:${error.column}: invalid TOML: ${error.message.split('\n')[0]}`);
    throw error;
  }
}

/** Reads `given` (`--runtime-config-file`, relative to the current directory), if there is one, and works out the rest from `options`. */
export async function loadRuntimeConfig(given: string | undefined, options: RuntimeConfigOptions): Promise<RuntimeConfig> {
  if (given === undefined) return resolveRuntimeConfig(undefined, options);
  const file = resolve(given);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StartupError(`--runtime-config-file ${given}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return resolveRuntimeConfig({ file, document: parseToml(file, text) }, options);
}
