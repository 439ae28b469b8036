// Where the runtime keeps what it derives from a component file (its
// transpiled bindings, a composition), each entry named by a hash of what it
// was made from, so that a restart finds it and a change misses it.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `~/.cache/bookserver/<kind>`, or under $BOOKSERVER_CACHE_DIR or $XDG_CACHE_HOME when set. */
export function cacheDir(kind: 'transpiled' | 'composed'): string {
  const root = process.env.BOOKSERVER_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'bookserver');
  return join(root, kind);
}
