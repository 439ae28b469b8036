// Spin's runtime config file (`--runtime-config-file`) and the state
// directory, as the local runtime reads them: where each store keeps its
// data, and every key it stops on, naming the file and the key.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StartupError } from '../runtime/errors.js';
import { describeStore } from '../runtime/key-value/config.js';
import { loadRuntimeConfig, resolveRuntimeConfig } from '../runtime/runtime-config/runtime-config.js';
import { parseUpArgs } from '../scripts/lib/up.js';

const APP_DIR = '/apps/shop';
const FILE = '/configs/runtime-config.toml';

const resolved = (document: Record<string, unknown> | undefined, stateDir?: string) =>
  resolveRuntimeConfig(document && { file: FILE, document }, { appDir: APP_DIR, stateDir });

/** The message of the StartupError that `document` makes. */
function refusal(document: Record<string, unknown>): string {
  try {
    resolved(document);
  } catch (error) {
    if (error instanceof StartupError) return error.message;
    throw error;
  }
  throw new Error('it was accepted');
}

describe('the state directory', () => {
  it("is the manifest's .spin, holding the default store, unless something says otherwise", () => {
    const config = resolved(undefined);
    expect(config.stateDir).toBe('/apps/shop/.spin');
    expect(config.keyValueStores).toEqual(new Map([['default', { type: 'spin', path: '/apps/shop/.spin/sqlite_key_value.db' }]]));
  });

  it('is --state-dir, relative to the current directory, over the file’s state_dir', () => {
    expect(resolved({ state_dir: '/from/file' }, 'given').stateDir).toBe(resolve('given'));
    expect(resolved({ state_dir: 'from/file' }).stateDir).toBe(resolve('from/file'));
  });

  it('is none when empty, and the default store is then in memory', () => {
    for (const config of [resolved(undefined, ''), resolved({ state_dir: '' }), resolved({ state_dir: '/x' }, '')]) {
      expect(config.stateDir).toBeUndefined();
      expect(config.keyValueStores.get('default')).toEqual({ type: 'spin' });
    }
  });

  it('is left as it was when state_dir is not a string, as Spin leaves it, with a warning', () => {
    const config = resolved({ state_dir: 7 });
    expect(config.stateDir).toBe('/apps/shop/.spin');
    expect(config.warnings).toEqual([`${FILE}: state_dir: a state directory is a string, not 7; Spin ignores it`]);
  });
});

describe('[key_value_store.<label>]', () => {
  it('defines a spin store at a path relative to the file’s folder, or in memory without one', () => {
    const config = resolved({ key_value_store: { files: { type: 'spin', path: 'data/files.db' }, scratch: { type: 'spin' } } });
    expect(config.keyValueStores).toEqual(
      new Map([
        ['files', { type: 'spin', path: '/configs/data/files.db' }],
        ['scratch', { type: 'spin' }],
        ['default', { type: 'spin', path: '/apps/shop/.spin/sqlite_key_value.db' }],
      ]),
    );
    expect(config.summaries).toEqual(['[key_value_store.files: spin]', '[key_value_store.scratch: spin]']);
  });

  it('replaces the default store when labelled default', () => {
    const config = resolved({ key_value_store: { default: { type: 'spin', path: '/elsewhere/kv.db' } } });
    expect(config.keyValueStores).toEqual(new Map([['default', { type: 'spin', path: '/elsewhere/kv.db' }]]));
  });

  it('warns of a key a spin store does not have, which Spin ignores', () => {
    const config = resolved({ key_value_store: { files: { type: 'spin', paht: 'typo.db' } } });
    expect(config.keyValueStores.get('files')).toEqual({ type: 'spin' });
    expect(config.warnings).toEqual([
      `${FILE}: key_value_store.files.paht: a "spin" store has no paht; Spin ignores it, and so does the local runtime`,
    ]);
  });

  it('reads a redis store as Spin does: its url, and nothing else', () => {
    const config = resolved({ key_value_store: { default: { type: 'redis', url: 'redis://127.0.0.1:6380', db: 2 } } });
    expect(config.keyValueStores).toEqual(new Map([['default', { type: 'redis', url: 'redis://127.0.0.1:6380' }]]));
    expect(config.summaries).toEqual(['[key_value_store.default: redis]']);
    expect(config.warnings).toEqual([
      `${FILE}: key_value_store.default.db: a "redis" store has no db; Spin ignores it, and so does the local runtime`,
    ]);
    expect(describeStore({ type: 'redis', url: 'redis://cache.internal' })).toBe('Redis at cache.internal:6379');
  });

  it('stops on every store the local runtime cannot make, naming the file and the key', () => {
    expect(
      refusal({
        key_value_store: {
          cache: { type: 'azure_cosmos', account: 'a' },
          nowhere: { type: 'redis' },
          local: { type: 'redis', url: 'http://localhost:6379' },
          broken: { type: 'redis', url: 'redis//localhost' },
          typo: { type: 'sqlite' },
          untyped: { path: 'x.db' },
          odd: { type: 'spin', path: 5 },
          flat: 'spin',
        },
      }),
    ).toBe(
      [
        `${FILE}: the runtime config cannot be used:`,
        '  - key_value_store.cache.type: the local runtime has no "azure_cosmos" stores, only "spin" (SQLite) and "redis"',
        '  - key_value_store.nowhere: missing key "url" (a "redis" store\'s server, redis://host:port)',
        '  - key_value_store.local.url: "http://localhost:6379" is not a Redis server\'s URL (redis://host:port or rediss://host:port)',
        '  - key_value_store.broken.url: "redis//localhost" is not a URL (redis://host:port)',
        '  - key_value_store.typo.type: "sqlite" is not a store type Spin has; the local runtime has "spin" and "redis"',
        '  - key_value_store.untyped: missing key "type" (the local runtime has "spin" and "redis" stores)',
        '  - key_value_store.odd.path: a path is a string, not 5',
        '  - key_value_store.flat: a store is a table ([key_value_store.flat]), not "spin"',
      ].join('\n'),
    );
  });
});

describe('the keys of a runtime config', () => {
  it('stop the app when Spin does not know them, or when the local runtime has nothing for them', () => {
    expect(refusal({ baz: 1, log_dir: '/logs', sqlite_database: {}, key_value_store: 'x' })).toBe(
      [
        `${FILE}: the runtime config cannot be used:`,
        '  - baz: not a runtime config key (Spin stops on it too: "unused runtime config key(s)")',
        '  - log_dir: the local runtime has nothing for this key Spin reads; leave it out to run here',
        '  - sqlite_database: the local runtime has nothing for this key Spin reads; leave it out to run here',
        '  - key_value_store: a table of stores ([key_value_store.<label>]), not "x"',
      ].join('\n'),
    );
  });
});

describe('the runtime config file', () => {
  it('is read as TOML, with the line of an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runtime-config-'));
    const file = join(dir, 'rc.toml');
    await writeFile(file, '[key_value_store.files]\ntype = "spin"\npath = \n');
    await expect(loadRuntimeConfig(file, { appDir: APP_DIR })).rejects.toThrow(new RegExp(`^${file}:3:\\d+: invalid TOML`));
    await writeFile(file, '[key_value_store.files]\ntype = "spin"\npath = "files.db"\n');
    expect((await loadRuntimeConfig(file, { appDir: APP_DIR })).keyValueStores.get('files')).toEqual({
      type: 'spin',
      path: join(dir, 'files.db'),
    });
  });

  it('that does not exist stops the app, naming the option', async () => {
    await expect(loadRuntimeConfig('no-such-file.toml', { appDir: APP_DIR })).rejects.toThrow(
      '--runtime-config-file no-such-file.toml: cannot be read (ENOENT)',
    );
  });
});

describe('npm run up', () => {
  it('takes --runtime-config-file and --state-dir as spin up does, the file from RUNTIME_CONFIG_FILE too', () => {
    expect(parseUpArgs(['--runtime-config-file', 'rc.toml', '--state-dir', ''], {})).toMatchObject({
      runtimeConfigFile: 'rc.toml',
      stateDir: '',
    });
    expect(parseUpArgs([], { RUNTIME_CONFIG_FILE: 'from-env.toml' })).toMatchObject({
      runtimeConfigFile: 'from-env.toml',
      stateDir: undefined,
    });
    expect(parseUpArgs(['--runtime-config-file', 'given.toml'], { RUNTIME_CONFIG_FILE: 'from-env.toml' }).runtimeConfigFile).toBe(
      'given.toml',
    );
  });
});
