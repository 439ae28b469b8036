// Tests of the redis store: a title that says why they are skipped.
import { redisMissing } from '../../scripts/lib/redis.js';

/** `title`, with why it is skipped where no Redis server can be started. */
export const withRedis = (title: string): string => `${title}${redisMissing() ? ` (skipped: ${redisMissing()})` : ''}`;
