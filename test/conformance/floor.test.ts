// The benchmark's floor (spin.floor.toml on WASI 0.2, spin.floor-p3.toml on
// WASI 0.3): one Rust component with no call and no store answers the page
// as the app does, byte for byte, so that the benchmark sets like against
// like. The app is the chain wiring; every wiring answers the page alike
// (wirings.test.ts). The x-request-id the app adds, and its log line, are the
// app's tracing, not the page: the floor has neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOORS, type FloorWasi, floorManifest, manifestOf } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { sentence } from '../support/http.js';
import { serveApp } from './target.js';

/** What a client sees of an answer, but the date and the app's request id; the body as bytes. */
interface Answer {
  status: number;
  type: string | null;
  length: string | null;
  allow: string | null;
  body: Buffer;
}

async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const header = (name: string) => response.headers.get(name);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: header('content-type'), length: header('content-length'), allow: header('allow'), body };
}

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/** Refusals, with the query read as the frontend reads it: escapes, `+`, the first weekday, leading zeros, ill-formed UTF-8. */
const REFUSED = ['7', 'thursday', '0009', '%2B3&weekday=3', 'a+b', '%C3%28', '1234567890', ''].map((value) => `/?weekday=${value}`);

describe.each(Object.keys(FLOORS) as FloorWasi[])('the floor on WASI %s', (wasi) => {
  let app: ServedApp;
  let floor: ServedApp;
  beforeAll(async () => {
    [app, floor] = await Promise.all([serveApp(manifestOf('chain')), serveApp(floorManifest(wasi))]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([app?.stop(), floor?.stop()]);
  });

  const both = async (path: string, init?: RequestInit) => ({
    app: await ask(`${app.url}${path}`, init),
    floor: await ask(`${floor.url}${path}`, init),
  });

  it.each(WEEKDAYS)('answers weekday %i with the bytes the app answers, length and type with them', async (day) => {
    const answers = await both(`/?weekday=${day}`);
    expect(answers.floor).toEqual(answers.app);
    expect(answers.floor).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8', body: Buffer.from(sentence(day)) });
  });

  it.each(REFUSED)('refuses %s as the app does: 400 and the same words', async (path) => {
    const answers = await both(path);
    expect(answers.floor).toEqual(answers.app);
    expect(answers.floor.status).toBe(400);
  });

  it("answers today's book (UTC) when no weekday is named", async () => {
    const before = new Date().getUTCDay();
    const answer = await ask(`${floor.url}/`);
    expect([sentence(before), sentence(new Date().getUTCDay())]).toContain(answer.body.toString());
  });

  it('refuses another method with 405 and allow: GET, as the app does', async () => {
    const answers = await both('/?weekday=3', { method: 'POST', body: 'x' });
    expect(answers.floor).toEqual(answers.app);
    expect(answers.floor).toMatchObject({ status: 405, allow: 'GET' });
  });

  it("answers another path with Spin's empty 404, as the app does", async () => {
    const answers = await both('/authors');
    expect(answers.floor).toEqual(answers.app);
    expect(answers.floor.status).toBe(404);
  });
});
