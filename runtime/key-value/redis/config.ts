// A runtime config's `[key_value_store.<label>]` table of `type = "redis"`:
// `url`, the Redis server's, required, as Spin reads it (its
// factor-key-value-redis crate); Spin ignores what else is there, and the
// local runtime says so.

/** A `type = "redis"` store: every key in the Redis server at `url`, as Spin keeps them there. */
export interface RedisStoreConfig {
  type: 'redis';
  url: string;
}

/** The schemes Spin's Redis client and the local runtime's both take. */
const SCHEMES = ['redis:', 'rediss:'];

/** `at` names the table (`rc.toml: key_value_store.foo`). */
export function redisStoreConfig(
  table: Readonly<Record<string, unknown>>,
  at: string,
  { errors, warnings }: { errors: string[]; warnings: string[] },
): RedisStoreConfig | undefined {
  const { type: _type, url, ...rest } = table;
  for (const key of Object.keys(rest)) {
    warnings.push(`${at}.${key}: a "redis" store has no ${key}; Spin ignores it, and so does the local runtime`);
  }
  if (url === undefined) {
    errors.push(`${at}: missing key "url" (a "redis" store's server, redis://host:port)`);
    return undefined;
  }
  if (typeof url !== 'string') {
    errors.push(`${at}.url: a URL is a string, not ${JSON.stringify(url)}`);
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    errors.push(`${at}.url: ${JSON.stringify(url)} is not a URL (redis://host:port)`);
    return undefined;
  }
  if (!SCHEMES.includes(parsed.protocol) || parsed.hostname === '') {
    errors.push(`${at}.url: ${JSON.stringify(url)} is not a Redis server's URL (redis://host:port or rediss://host:port)`);
    return undefined;
  }
  return { type: 'redis', url };
}

/** Where the store is, as Spin's start-up line says it: `Redis at 127.0.0.1:6379`. */
export function redisAddress(url: string): string {
  const { hostname, port } = new URL(url);
  return `Redis at ${hostname}:${port || '6379'}`;
}
