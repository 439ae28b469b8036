// Writers at once lose nothing: 16 clients each add 500 books through the
// frontend of every wiring (and straight to book-api where its route is
// public), then the catalogue is read back page by page: every book answered
// 201 is there once, and nothing else is. Two writers replacing one book at
// the version both read: one wins, the other is told 412, and the loser's
// book is not what is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import { manifestOf, SERVED_API_TOKEN, WIRING_NAMES, type Wiring } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { writeBooks } from '../../scripts/lib/writes.js';
import { serveApp } from './target.js';

const CLIENTS = 16;
const EACH = 500;
const WRITE = { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` };
/** The week's books, there before anyone writes. */
const WEEK = 7;

/** Every id the frontend lists, page after page. */
async function listedIds(app: ServedApp): Promise<number[]> {
  const ids: number[] = [];
  for (let cursor: number | undefined; ; ) {
    const page = await (await fetch(`${app.url}/books?limit=100${cursor === undefined ? '' : `&cursor=${cursor}`}`)).text();
    const found = page
      .split('\n')
      .flatMap((line) => line.match(/^(\d+)\. /)?.[1] ?? [])
      .map(Number);
    if (found.length === 0) return ids;
    ids.push(...found);
    cursor = found.at(-1);
  }
}

describe.each(WIRING_NAMES)('%s, written by many clients at once', (wiring: Wiring) => {
  let app: ServedApp;
  beforeAll(async () => {
    const port = await freePortOnLoopback();
    app = await serveApp(manifestOf(wiring), { port, env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` } });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it(`keeps every book answered 201, once, and nothing else (${CLIENTS} clients × ${EACH})`, async () => {
    const through = await writeBooks(`${app.url}/books`, { clients: CLIENTS, each: EACH });
    // The network wiring's book-api route is public: its writers go straight to it too.
    const direct = wiring === 'network' ? [await writeBooks(`${app.url}/api/books`, { clients: CLIENTS, each: EACH })] : [];
    const all = [through, ...direct];
    expect(all.flatMap((w) => [...w.others, ...w.twice])).toEqual([]);
    const written = all.flatMap((w) => [...w.acknowledged.keys()]).map((location) => Number(location.split('/').at(-1)));
    const listed = await listedIds(app);
    expect(listed).toEqual([...Array.from({ length: WEEK }, (_, i) => i + 1), ...written].sort((a, b) => a - b));
  }, 600_000);

  it('lets one of two writers at one version win, and tells the other 412', async () => {
    for (let round = 0; round < 10; round++) {
      const created = await fetch(`${app.url}/books`, {
        method: 'POST',
        headers: WRITE,
        body: JSON.stringify({ title: 'Race', author: 'Both' }),
      });
      const location = created.headers.get('location');
      const attempts = await Promise.all(
        ['first', 'second'].map(async (who) => {
          const answer = await fetch(`${app.url}${location}`, {
            method: 'PUT',
            headers: { ...WRITE, 'if-match': '"1"' },
            body: JSON.stringify({ title: `Race won by ${who}`, author: 'Both' }),
          });
          return { who, status: answer.status };
        }),
      );
      expect(attempts.map(({ status }) => status).sort()).toEqual([200, 412]);
      const winner = attempts.find(({ status }) => status === 200)?.who;
      expect(await (await fetch(`${app.url}${location}`)).text()).toContain(`Race won by ${winner}`);
    }
  }, 120_000);
});
