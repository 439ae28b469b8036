// Who can reach book-api's writes, wiring by wiring (docs/wirings.md, "Who
// can reach the writes"): a client outside, another component of the app,
// and the frontend's own code. Whoever reaches book-api, a write needs the
// token, and book-api checks it; what a wiring decides is who can ask.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestOf, ROOT, SERVED_API_TOKEN } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { ON_SPIN, serveApp, serveAppUntilExit } from './target.js';

const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'manifests', 'reach', name);
const BOOK = JSON.stringify({ title: 'Piranesi', author: 'Susanna Clarke' });

async function ask(url: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}

/** What the probe saw when it called `target` (its /call route): book-api's status and body, or the probe's 502 and its error. */
async function probeCall(
  app: ServedApp,
  probe: string,
  target: string,
  init: { method?: string; authorization?: string; json?: string } = {},
) {
  const query = new URLSearchParams({ url: target, ...init });
  const answer = await ask(`${app.url}/${probe}/call?${query}`);
  return { status: answer.status, ...(JSON.parse(answer.body) as { status?: number; body?: string; error?: string }) };
}

describe('a client outside', () => {
  const apps = new Map<string, ServedApp>();
  beforeAll(async () => {
    for (const wiring of ['chain', 'wit', 'deps'] as const) apps.set(wiring, await serveApp(manifestOf(wiring)));
  }, 180_000);
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.stop()));
  });

  it.each(['chain', 'wit', 'deps'])(
    'reaches no route of book-api in the %s wiring: its writes go through the frontend only',
    async (wiring) => {
      const app = apps.get(wiring) as ServedApp;
      expect(await ask(`${app.url}/api/books`, { method: 'POST', body: BOOK, headers: { 'content-type': 'application/json' } })).toEqual({
        status: 404,
        body: '',
      });
    },
  );
});

describe('another component of the app (chain wiring)', () => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serveApp(fixture('chain.toml'));
  }, 120_000);
  afterAll(async () => {
    await app.stop();
  });

  it('allowed to chain to book-api, reads as any client would', async () => {
    expect(await probeCall(app, 'granted', 'http://book-api.spin.internal/api/books/1')).toMatchObject({
      status: 200,
      body: expect.stringContaining('Dead Souls'),
    });
  });

  it('allowed to chain to book-api, still needs the token to write, and cannot read it: variables are per component', async () => {
    const url = 'http://book-api.spin.internal/api/books';
    const refused = await probeCall(app, 'granted', url, { method: 'POST', json: BOOK });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body ?? '')).toEqual({ error: 'this write needs an Authorization header: Bearer <token>' });
    const written = await probeCall(app, 'granted', url, { method: 'POST', json: BOOK, authorization: `Bearer ${SERVED_API_TOKEN}` });
    expect(written.status).toBe(201);
    expect(JSON.parse(written.body ?? '')).toMatchObject({ id: 8, title: 'Piranesi' });
    expect(await ask(`${app.url}/granted/variable?name=api_token`)).toEqual({ status: 200, body: '{"value":null}' });
  });

  it('not allowed to, cannot ask at all', async () => {
    expect(await probeCall(app, 'refused', 'http://book-api.spin.internal/api/books/1')).toMatchObject({ status: 502 });
  });
});

describe("book-api's own permissions", () => {
  const apps = new Map<string, ServedApp>();
  beforeAll(async () => {
    apps.set('no-store', await serveApp(fixture('no-store.toml')));
    apps.set('deps-store-only', await serveApp(fixture('deps-store-only.toml')));
  }, 180_000);
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.stop()));
  });

  it('without key_value_stores: the store is refused it, and every answer says so', async () => {
    const app = apps.get('no-store') as ServedApp;
    expect(await ask(`${app.url}/api?weekday=3`)).toEqual({
      status: 503,
      body: JSON.stringify({ error: 'the catalogue is unavailable: opening the key-value store "default" failed: access-denied' }),
    });
  });

  it('as a dependency that inherits the store but not the variables (deps): it reads, and takes no write, saying why', async () => {
    const app = apps.get('deps-store-only') as ServedApp;
    expect(await ask(`${app.url}/?weekday=3`)).toEqual({ status: 200, body: "Today's book is _My Ántonia_ by Willa Cather" });
    expect(
      await ask(`${app.url}/books`, {
        method: 'POST',
        body: BOOK,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` },
      }),
    ).toEqual({
      status: 503,
      body: 'the catalogue is unavailable: writes need the variable api_token, which cannot be read here (io: "wasi:config/store" is not permitted)',
    });
  });

  it('as a dependency that inherits nothing (deps): the app does not start, for the store is denied and its atomics are not', async () => {
    const { code, stdout, stderr } = await serveAppUntilExit(fixture('deps-inherit-nothing.toml'));
    expect(code).not.toBe(0);
    expect(stdout + stderr).toMatch(ON_SPIN ? /type mismatch in instance export `bucket`/ : /does not inherit key_value_stores/);
  });
});
