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
import { manifestOf } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { missingBooks, writeBooks } from '../../scripts/lib/writes.js';
import { serveApp } from './target.js';

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
    let killed = false;
    let answered = 0;
    const writing = writeBooks(`${app.url}/api/books`, {
      clients: WRITERS,
      stop: () => killed,
      onAcknowledged: (sofar) => (answered = sofar.acknowledged.size),
    });
    const deadline = Date.now() + 60_000;
    while (answered < BEFORE_KILL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await app.stop('SIGKILL');
    killed = true;
    const { acknowledged, twice } = await writing;
    expect({ answered: acknowledged.size >= BEFORE_KILL, twice }).toEqual({ answered: true, twice: [] });

    const again = await networkApp(stateDir);
    try {
      expect(await missingBooks(again.url, acknowledged)).toEqual([]);
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
