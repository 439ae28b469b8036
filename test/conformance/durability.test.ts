// Nothing acknowledged is lost: book-api's writes answered 201 before the
// server is killed with SIGKILL are all there when it starts again on the
// same state directory, each once, and Spin's SQLite store opens whole. The
// local runtime commits each write before the guest's call returns (SQLite,
// rollback journal, synchronous FULL, as Spin's store has it), so an answer
// never comes before its write is on disk.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import { manifestOf, SERVED_API_TOKEN } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { serveApp } from './target.js';

const WRITE = { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` };
/** How many clients write at once, and how many writes are answered before the kill. */
const WRITERS = 8;
const BEFORE_KILL = 200;

async function networkApp(stateDir: string): Promise<ServedApp> {
  const port = await freePortOnLoopback();
  return serveApp(manifestOf('network'), { port, stateDir, env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` } });
}

describe('writes answered before the server is killed', () => {
  it('are each there once after it starts again on the same state directory, and the store is whole', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'durability-'));
    const app = await networkApp(stateDir);
    const acknowledged = new Map<string, string>();
    const twice: string[] = [];
    let killed = false;
    const writer = async (n: number): Promise<void> => {
      for (let i = 0; !killed; i++) {
        const title = `Written by ${n}, number ${i}`;
        const answer = await fetch(`${app.url}/api/books`, {
          method: 'POST',
          headers: WRITE,
          body: JSON.stringify({ title, author: 'Durability' }),
        }).catch(() => undefined);
        const location = answer?.status === 201 ? answer.headers.get('location') : null;
        if (location === null || location === undefined) continue;
        if (acknowledged.has(location)) twice.push(location);
        acknowledged.set(location, title);
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, n) => writer(n));
    const deadline = Date.now() + 60_000;
    while (acknowledged.size < BEFORE_KILL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await app.stop('SIGKILL');
    killed = true;
    await Promise.all(writers);
    expect({ answered: acknowledged.size >= BEFORE_KILL, twice }).toEqual({ answered: true, twice: [] });

    const again = await networkApp(stateDir);
    try {
      const missing: string[] = [];
      for (const [location, title] of acknowledged) {
        const read = await fetch(`${again.url}${location}`);
        const book = read.status === 200 ? ((await read.json()) as { title: string }) : undefined;
        if (book?.title !== title) missing.push(`${location} (${read.status})`);
      }
      expect(missing).toEqual([]);
    } finally {
      await again.stop();
    }
    const db = new DatabaseSync(join(stateDir, 'sqlite_key_value.db'));
    try {
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      db.close();
    }
  }, 180_000);
});
