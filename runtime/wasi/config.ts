// wasi:config/store: how a Spin component reads its variables.
import type * as Store from '../generated/interfaces/wasi-config-store.js';

export function configStore(variables: ReadonlyMap<string, string>): typeof Store {
  return {
    get: (key) => variables.get(key),
    getAll: () => [...variables],
  };
}
