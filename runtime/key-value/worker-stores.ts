// The app's key-value stores as a worker thread sees them. A store in a file
// is opened here on first use, as Spin opens its connection, one connection
// per label; SQLite's locks keep the workers' connections from each other
// (spin/sqlite-store.ts). A store in memory must be one database for the
// whole app, so the main thread keeps it (app-stores.ts): each call is sent
// there, and the worker blocks until it is answered.
import type { StoreConfigs } from './config.js';
import { RemoteStore, type StoreReply, type StoreRequest } from './operations.js';
import { SqliteStore } from './spin/sqlite-store.js';
import type { Store } from './store.js';

export class WorkerStores {
  private readonly opened = new Map<string, Store>();

  constructor(
    private readonly configs: StoreConfigs,
    private readonly askMainThread: (request: StoreRequest) => StoreReply,
  ) {}

  /** The store labelled `label`; none when the app has no such store. */
  open(label: string): Store | undefined {
    const config = this.configs.get(label);
    if (!config) return undefined;
    let store = this.opened.get(label);
    if (!store) {
      store =
        config.type === 'spin' && config.path !== undefined
          ? new SqliteStore(config.path, label)
          : new RemoteStore(label, this.askMainThread);
      this.opened.set(label, store);
    }
    return store;
  }
}
