// Stores for a component run in this thread, outside an app (the tests and
// the benchmark's in-process steps): one SQLite database per label, a file
// or `:memory:`, each opened once.
import type { KeyValueAccess } from './host.js';
import { SqliteStore } from './spin/sqlite-store.js';

/** What a component may open: the labels given, each the database at its location. */
export function sqliteAccess(locations: Readonly<Record<string, string>>): KeyValueAccess {
  const stores = new Map(Object.entries(locations).map(([label, location]) => [label, new SqliteStore(location, label)]));
  return { labels: new Set(stores.keys()), open: (label) => stores.get(label) };
}
