// The path and query of a request target, read the same way on every engine
// (QuickJS has no URL).
import { parsePairs, type Query } from './http.js';

/** The path and query of a request target (`/api/books?limit=5`), the same way on both engines. */
export function parseTarget(target: string): { path: string; query: Query } {
  const mark = target.indexOf('?');
  const pairs = mark < 0 ? [] : parsePairs(target.slice(mark + 1));
  return {
    path: (mark < 0 ? target : target.slice(0, mark)) || '/',
    query: { get: (name) => pairs.find(([key]) => key === name)?.[1] ?? null },
  };
}
