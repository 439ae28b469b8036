// Spin's key-value store for a component run in process by a test: the
// runtime's SQLite store in memory, one per test that asks, so that each
// starts on a fresh catalogue, and the variable book-api checks writes with.
import { type HostOptions, sqliteAccess } from '../../runtime/index.js';

export const TEST_TOKEN = 'test-token';

/** Host options for book-api (alone, or inside a composed frontend): a fresh default store and the token. */
export function bookApiHost(extra: HostOptions = {}): HostOptions {
  return {
    keyValue: sqliteAccess({ default: ':memory:' }),
    variables: new Map([['api_token', TEST_TOKEN]]),
    ...extra,
  };
}
