// Tests of the redis store: a title that says why they are skipped, and the
// runtime config file that puts an app's default store in a Redis server.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisMissing } from '../../scripts/lib/redis.js';

/** `title`, with why it is skipped where no Redis server can be started. */
export const withRedis = (title: string): string => `${title}${redisMissing() ? ` (skipped: ${redisMissing()})` : ''}`;

/** A fresh folder holding a runtime config file whose default store is the Redis server at `url`: the options to serve an app with it. */
export async function onRedis(url: string): Promise<{ stateDir: string; args: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'on-redis-'));
  const config = join(dir, 'runtime-config.toml');
  await writeFile(config, `[key_value_store.default]\ntype = "redis"\nurl = "${url}"\n`);
  return { stateDir: join(dir, 'state'), args: ['--runtime-config-file', config] };
}
