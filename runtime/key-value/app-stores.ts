// The app's key-value stores, seen from the main thread. The folder of each
// store's file is made at start, as Spin makes it when it reads the runtime
// config. A store every worker must share is kept here: one in memory (one
// database for every worker of the app, as Spin keeps one for every
// instance), and one in Redis, whose client is asynchronous. A worker sends
// each call (worker-stores.ts) and blocks until `answer` has settled.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../errors.js';
import type { StoreConfigs } from './config.js';
import { perform, type StoreReply, type StoreRequest } from './operations.js';
import { RedisStore } from './redis/redis-store.js';
import { SqliteStore } from './spin/sqlite-store.js';
import type { AsyncStore } from './store.js';

export class AppStores {
  private readonly inMemory = new Map<string, SqliteStore>();
  private readonly redis = new Map<string, AsyncStore>();

  constructor(private readonly configs: StoreConfigs) {
    for (const [label, config] of configs) {
      if (config.type !== 'spin' || config.path === undefined) continue;
      try {
        mkdirSync(dirname(config.path), { recursive: true });
      } catch (error) {
        throw new StartupError(
          `key-value store ${label}: cannot make the folder of ${config.path} (${(error as NodeJS.ErrnoException).code})`,
        );
      }
    }
  }

  /** Runs a worker's call on the store labelled `request.label`, which lives here. */
  answer(request: StoreRequest): Promise<StoreReply> {
    const config = this.configs.get(request.label);
    return Promise.resolve(
      perform(config?.type === 'redis' ? this.redisStore(request.label, config.url) : this.inMemoryStore(request.label), request),
    );
  }

  private redisStore(label: string, url: string): AsyncStore {
    let store = this.redis.get(label);
    if (!store) {
      store = new RedisStore(url);
      this.redis.set(label, store);
    }
    return store;
  }

  private inMemoryStore(label: string): SqliteStore {
    let store = this.inMemory.get(label);
    if (!store) {
      store = new SqliteStore(':memory:', label);
      this.inMemory.set(label, store);
    }
    return store;
  }

  async close(): Promise<void> {
    for (const store of this.inMemory.values()) store.close();
    await Promise.all([...this.redis.values()].map((store) => store.close()));
  }
}
