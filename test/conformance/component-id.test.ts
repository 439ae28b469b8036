// Selective deployment, as `spin up --component-id` does it: only the chosen
// components run; a selection that breaks service chaining, or names a
// component the app does not have, does not start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { manifestOf } from '../../scripts/lib/project.js';
import { sentence } from '../support/http.js';
import { serveApp, serveAppUntilExit } from './target.js';

describe('the network wiring split in two, as the apart layout runs it', () => {
  let api: ServedApp;
  let frontend: ServedApp;
  beforeAll(async () => {
    api = await serveApp(manifestOf('network'), { componentIds: ['book-api'] });
    frontend = await serveApp(manifestOf('network'), { componentIds: ['frontend'], env: { SPIN_VARIABLE_API_ORIGIN: api.url } });
  }, 240_000);
  afterAll(async () => {
    await Promise.all([api.stop(), frontend.stop()]);
  });

  it("serves only book-api's routes where only book-api runs", async () => {
    expect((await fetch(`${api.url}/api?weekday=3`)).status).toBe(200);
    const page = await fetch(`${api.url}/?weekday=3`);
    expect({ status: page.status, body: await page.text() }).toEqual({ status: 404, body: '' });
  });

  it('serves the page where only the frontend runs, calling the other by URL', async () => {
    for (const day of [0, 3, 6]) {
      const page = await fetch(`${frontend.url}/?weekday=${day}`);
      expect({ status: page.status, body: await page.text() }).toEqual({ status: 200, body: sentence(day) });
    }
    expect((await fetch(`${frontend.url}/api?weekday=3`)).status).toBe(404);
  });
});

describe('a selection that cannot run', () => {
  it('refuses to start a frontend that chains to a component left out', async () => {
    const { code } = await serveAppUntilExit(manifestOf('chain'), { componentIds: ['frontend'], port: await freePortOnLoopback() });
    expect(code).not.toBe(0);
  }, 120_000);

  it('refuses to start with a component the app does not have', async () => {
    const { code } = await serveAppUntilExit(manifestOf('network'), { componentIds: ['bookapi'] });
    expect(code).not.toBe(0);
  }, 120_000);
});
