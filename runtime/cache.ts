// Where the runtime keeps what it derives from files (transpiled components,
// compositions, a component's interfaces, the workers' bundle), each entry
// named by a hash of what it was made from, so that a restart finds it and a
// change misses it.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type CacheKind = 'transpiled' | 'composed' | 'interfaces' | 'worker';

/** `~/.cache/bookserver/<kind>`, or under $BOOKSERVER_CACHE_DIR or $XDG_CACHE_HOME when set. */
export function cacheDir(kind: CacheKind): string {
  const root = process.env.BOOKSERVER_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bookserver');
  return join(root, kind);
}

/** The name of a cache entry made from `parts`. */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}
