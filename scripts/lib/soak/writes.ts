// The soak's write load: clients adding books straight to book-api (the
// network wiring's public route) for a while, then the server killed with
// SIGKILL while they still write, started again on the same state
// directory, and every acknowledged book read back. What it costs (writes a
// second, the latency of a write under the load) and what it keeps (lost,
// answered twice, the store's integrity check).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePortOnLoopback } from '../net.js';
import { manifestOf } from '../project.js';
import { quantile } from '../quantile.js';
import { type RuntimeName, type ServedApp, serve } from '../serve.js';
import { missingBooks, type Written, writeBooks } from '../writes.js';

export const WRITERS = 16;
/** Seconds of load measured before the kill. */
export const LOAD_S = 10;

export interface WritesRecord {
  acknowledged: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Acknowledged, then not there (or not as written) after the restart. */
  lost: number;
  /** Locations answered 201 twice. */
  twice: number;
  /** `PRAGMA integrity_check` on the store after the restart. */
  integrity: string;
}

const networkApp = async (runtime: RuntimeName, stateDir: string): Promise<ServedApp> => {
  const port = await freePortOnLoopback();
  return serve({ runtime, manifest: manifestOf('network'), port, stateDir, env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` } });
};

export async function writesThenKill(runtime: RuntimeName): Promise<WritesRecord> {
  const stateDir = await mkdtemp(join(tmpdir(), 'bookserver-soak-writes-'));
  try {
    const app = await networkApp(runtime, stateDir);
    let killed = false;
    let sofar: Written | undefined;
    const writing = writeBooks(`${app.url}/api/books`, { clients: WRITERS, stop: () => killed, onAcknowledged: (w) => (sofar = w) });
    await sleep(LOAD_S * 1000);
    // The writes answered within the window; those answered after it until the kill are kept and checked, not timed.
    const measured = [...(sofar?.latenciesMs ?? [])];
    await app.stop('SIGKILL');
    killed = true;
    const written = await writing;
    const again = await networkApp(runtime, stateDir);
    const missing = await missingBooks(again.url, written.acknowledged).finally(() => again.stop());
    const db = new DatabaseSync(join(stateDir, 'sqlite_key_value.db'));
    const { integrity_check } = db.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
    db.close();
    return {
      acknowledged: written.acknowledged.size,
      perSecond: measured.length / LOAD_S,
      p50Ms: quantile(measured, 0.5),
      p99Ms: quantile(measured, 0.99),
      lost: missing.length,
      twice: written.twice.length,
      integrity: integrity_check,
    };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}
