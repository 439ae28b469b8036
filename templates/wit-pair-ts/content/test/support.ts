// What the tests give the components in place of Spin: a store over a Map, a
// token, and a host whose randomness counts and whose log is kept.
import { catalogue } from '../api/catalog.js';
import type { Store } from '../api/store.js';
import type { Host } from '../shared/request-id.js';

export const TOKEN = 'test-token';

export function memoryStore(): Store {
  const values = new Map<string, Uint8Array>();
  return {
    get: (key) => values.get(key),
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
    keys: () => [...values.keys()],
    increment(key, delta) {
      const sum = Number(new TextDecoder().decode(values.get(key) ?? new Uint8Array())) + delta;
      values.set(key, new TextEncoder().encode(String(sum)));
      return sum;
    },
  };
}

export interface TestHost extends Host {
  lines: string[];
}

export function testHost(): TestHost {
  let next = 0;
  const lines: string[] = [];
  return { lines, randomBytes: (count) => Uint8Array.from({ length: count }, () => next++), log: (line) => void lines.push(line) };
}

/** A catalogue over a fresh store, writes checked against TOKEN (or no token at all). */
export const freshCatalogue = (token: string | undefined = TOKEN) => catalogue(memoryStore(), { token: () => token });

export const bearer = { authorization: `Bearer ${TOKEN}` };
