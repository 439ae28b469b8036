// The app's key-value stores, seen from the main thread. The folder of each
// store's file is made at start, as Spin makes it when it reads the runtime
// config. A store in memory is kept here, one database for every worker of
// the app as Spin keeps one for every instance: a worker sends each call
// (worker-stores.ts) and blocks until `answer` has settled. A store whose
// client is asynchronous (Redis) would be kept here too: `answer` is
// asynchronous for it, and the worker waits either way.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StartupError } from '../errors.js';
import type { StoreConfigs } from './config.js';
import { perform, replyOf, type StoreReply, type StoreRequest } from './operations.js';
import { SqliteStore } from './spin/sqlite-store.js';

export class AppStores {
  private readonly kept = new Map<string, SqliteStore>();

  constructor(configs: StoreConfigs) {
    for (const [label, { path }] of configs) {
      if (path === undefined) continue;
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw new StartupError(`key-value store ${label}: cannot make the folder of ${path} (${(error as NodeJS.ErrnoException).code})`);
      }
    }
  }

  /** Runs a worker's call on the store labelled `request.label`, which lives here. */
  answer(request: StoreRequest): Promise<StoreReply> {
    return Promise.resolve(replyOf(() => perform(this.store(request.label), request)));
  }

  private store(label: string): SqliteStore {
    let store = this.kept.get(label);
    if (!store) {
      store = new SqliteStore(':memory:', label);
      this.kept.set(label, store);
    }
    return store;
  }

  close(): void {
    for (const store of this.kept.values()) store.close();
  }
}
