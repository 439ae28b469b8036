// The local runtime over real HTTP: `npm run up` serving each wiring, and a
// test app of probes (test/fixtures/probe) for Spin's semantics.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/project.js';
import { WIRINGS, type Wiring } from '../scripts/lib/up.js';
import { freePortOnLoopback } from '../scripts/lib/net.js';
import { runUntilExit, startRuntime, type RunningRuntime } from './support/runtime.js';
import { sentence } from './support/http.js';

const PROBE_APP = join(ROOT, 'test', 'fixtures', 'manifests', 'probe.toml');

async function get(url: string): Promise<{ status: number; body: string; type: string | null }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

describe('the three wirings', () => {
  const running = new Map<Wiring, RunningRuntime>();
  beforeAll(async () => {
    for (const wiring of Object.keys(WIRINGS) as Wiring[]) {
      // The network wiring's frontend calls the address it is served on.
      const port = await freePortOnLoopback();
      running.set(wiring, await startRuntime(['--wiring', wiring], { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` }, port));
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...running.values()].map((r) => r.stop()));
  });
  const urls = (): [Wiring, string][] => [...running].map(([wiring, r]) => [wiring, r.url]);

  it('answer every weekday with the same sentence', async () => {
    for (const day of [0, 1, 2, 3, 4, 5, 6]) {
      for (const [wiring, url] of urls()) {
        expect({ wiring, day, ...(await get(`${url}/?weekday=${day}`)) }).toEqual({
          wiring,
          day,
          status: 200,
          body: sentence(day),
          type: 'text/plain; charset=utf-8',
        });
      }
    }
  });

  it("answer today's sentence alike", async () => {
    const bodies = await Promise.all(urls().map(async ([, url]) => (await get(`${url}/`)).body));
    expect(new Set(bodies).size).toBe(1);
    const today = new Date().getUTCDay();
    expect([sentence(today), sentence((today + 6) % 7)]).toContain(bodies[0]);
  });

  it('answer a bad weekday with the same 400', async () => {
    const answers = await Promise.all(urls().map(async ([, url]) => get(`${url}/?weekday=7`)));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it('expose book-api only in the network wiring; elsewhere /api is an empty 404', async () => {
    const api = new Map(await Promise.all(urls().map(async ([wiring, url]) => [wiring, await get(`${url}/api?weekday=3`)] as const)));
    expect(api.get('network')).toMatchObject({ status: 200, body: '{"title":"My Ántonia","author":"Willa Cather"}' });
    expect(api.get('chain')).toEqual({ status: 404, body: '', type: null });
    expect(api.get('wit')).toEqual({ status: 404, body: '', type: null });
  });

  it('print Spin-like start-up lines', () => {
    const chain = running.get('chain');
    expect(chain?.stdout()).toMatch(/Logging component stdio to ".*\.spin\/logs\/"/);
    expect(chain?.stdout()).toMatch(
      /Serving http:\/\/127\.0\.0\.1:\d+\nAvailable Routes:\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\/bench\n {2}book-api: private/,
    );
    expect(running.get('network')?.stdout()).toMatch(/ {2}book-api: http:\/\/127\.0\.0\.1:\d+\/api \(wildcard\)/);
  });

  it('serve 1,000 requests at 16 connections without an error, and leave no instance behind', async () => {
    const url = running.get('chain')?.url ?? '';
    const result = await autocannon({ url: `${url}/?weekday=4`, connections: 16, amount: 1000 });
    expect({ done: result.requests.sent, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
      done: 1000,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
    const info = await json<{ instances: { live: number; prepared: number }; workers: number }>(`${url}/.well-known/spin/info`);
    expect(info.instances.live).toBe(0);
    // Each worker keeps at most one instance per component ready for the next request.
    expect(info.instances.prepared).toBeLessThanOrEqual(info.workers * 2);
  }, 120_000);
});

describe("Spin's semantics, with probes", () => {
  let runtime: RunningRuntime;
  let slow: Server;
  let slowUrl = '';
  beforeAll(async () => {
    runtime = await startRuntime(['-f', PROBE_APP], { SPIN_VARIABLE_GREETING: 'hi' });
    // An upstream that answers after half a second, to keep a request in flight.
    slow = createServer((_request, response) => setTimeout(() => response.end('slow answer'), 500));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const address = slow.address();
    slowUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  }, 60_000);
  afterAll(async () => {
    await runtime.stop();
    slow.close();
  });

  type Seen = { method: string; url: string; headers: Record<string, string> };
  /** Has the probe at `from` GET `target`: what it got, or the error its fetch threw (then the probe answers 502). */
  async function call(from: string, target: string): Promise<{ probe: number; status?: number; body?: string; error?: string }> {
    const response = await fetch(`${runtime.url}${from}/call?url=${encodeURIComponent(target)}`);
    return { probe: response.status, ...((await response.json()) as object) };
  }

  it("gives a routed request Spin's headers", async () => {
    const seen = await json<Seen>(`${runtime.url}/probe/headers?x=1`);
    expect(seen.headers).toMatchObject({
      'spin-full-url': `${runtime.url}/probe/headers?x=1`,
      'spin-path-info': '/headers',
      'spin-matched-route': '/probe/...',
      'spin-raw-component-route': '/probe/...',
      'spin-component-route': '/probe',
      'spin-base-path': '/',
    });
    expect(seen.headers['spin-client-addr']).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('strips a Host header that names a spin.internal component', async () => {
    const port = Number(new URL(runtime.url).port);
    const body = await new Promise<string>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/probe/headers', headers: { host: 'book-api.spin.internal' } }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk));
        response.on('end', () => resolve(text));
      });
      request.on('error', reject);
      request.end();
    });
    const seen = JSON.parse(body) as Seen;
    expect(Object.values(seen.headers)).not.toContain('book-api.spin.internal');
    expect(seen.headers['spin-full-url']).toBe(`${runtime.url}/probe/headers`);
  });

  it('reaches a private component by chaining, but not from outside', async () => {
    expect(await call('/probe', 'http://book-api.spin.internal/api?weekday=3')).toEqual({
      probe: 200,
      status: 200,
      body: '{"title":"My Ántonia","author":"Willa Cather"}',
    });
    expect(await get(`${runtime.url}/api?weekday=3`)).toMatchObject({ status: 404, body: '' });
  });

  it('hands a chained request to its target as Spin does', async () => {
    const answer = await call('/probe', 'http://echo.spin.internal/headers');
    const seen = JSON.parse(answer.body ?? '') as Seen;
    expect(seen.headers).toMatchObject({
      host: 'echo.spin.internal',
      'spin-path-info': '/headers',
      'spin-matched-route': '/...',
      'spin-client-addr': '0.0.0.0:0',
      'spin-full-url': 'http://echo.spin.internal/headers',
    });
  });

  it('refuses chaining to a host allowed_outbound_hosts does not name, even with *://*:*, and says why', async () => {
    const answer = await call('/closed', 'http://book-api.spin.internal/api');
    expect(answer.probe).toBe(502);
    expect(answer.error).toMatch(/TypeError/);
    expect(runtime.stderr()).toContain(
      'closed: denied GET http://book-api.spin.internal/api: allowed_outbound_hosts does not name book-api.spin.internal or *.spin.internal',
    );
  });

  it('refuses a network request to a host not allowed, and says why', async () => {
    const answer = await call('/probe', 'http://example.test/');
    expect(answer.probe).toBe(502);
    expect(runtime.stderr()).toContain('probe: denied GET http://example.test/: not in allowed_outbound_hosts');
  });

  it('answers 500 to the caller of a callee that traps, and serves the next request', async () => {
    expect(await call('/probe', 'http://echo.spin.internal/trap')).toEqual({ probe: 200, status: 500, body: '' });
    expect(runtime.stderr()).toMatch(/echo trapped while handling GET \/trap: RuntimeError/);
    expect((await call('/probe', 'http://echo.spin.internal/headers')).status).toBe(200);
  });

  it('answers 500 when a routed component fails, and serves the next request', async () => {
    expect((await get(`${runtime.url}/probe/trap`)).status).toBe(500);
    expect((await get(`${runtime.url}/probe/headers`)).status).toBe(200);
  });

  it('fills component variables from templates, with SPIN_VARIABLE_ overriding defaults', async () => {
    expect(await json(`${runtime.url}/probe/variable?name=greeting`)).toEqual({ value: 'hi, world' });
    expect(await json(`${runtime.url}/closed/variable?name=greeting`)).toEqual({ value: null });
  });

  it("writes a component's stdout and stderr to .spin/logs", async () => {
    const text = `marker-${Date.now()}`;
    await get(`${runtime.url}/probe/log?text=${text}`);
    const logs = join(ROOT, 'test', 'fixtures', 'manifests', '.spin', 'logs');
    await expect.poll(async () => readFile(join(logs, 'probe_stdout.txt'), 'utf8').catch(() => '')).toContain(`stdout: ${text}`);
    await expect.poll(async () => readFile(join(logs, 'probe_stderr.txt'), 'utf8').catch(() => '')).toContain(`stderr: ${text}`);
  });

  it('lets a request in flight finish when it stops on SIGTERM', async () => {
    const separate = await startRuntime(['-f', PROBE_APP]);
    const inFlight = fetch(`${separate.url}/probe/call?url=${encodeURIComponent(slowUrl)}`).then((r) => r.json(), (error: unknown) => String(error));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exitCode = separate.stop('SIGTERM');
    expect(await inFlight).toEqual({ status: 200, body: 'slow answer' });
    expect(await exitCode).toBe(0);
    expect(separate.stdout()).toContain('SIGTERM: finishing requests in flight, then stopping');
  });
});

describe('start-up errors', () => {
  const fixture = (name: string): string => join(ROOT, 'test', 'fixtures', 'manifests', name);

  it.each([
    ['broken TOML', 'broken-toml.toml', /broken-toml\.toml:4:\d+: invalid TOML/],
    ['an unknown component', 'unknown-component.toml', /trigger\.http\[0\]\.component: "frontnd" is not a component of this app \(its components: frontend\)/],
    ['a missing Wasm file', 'missing-wasm.toml', /component\.frontend\.source: .*not-built\.wasm does not exist; build it with "npm run build -- frontend-http"/],
    ['a required variable without a value', 'required-variable.toml', /variables\.api_token is required but has no value; set it with SPIN_VARIABLE_API_TOKEN=\.\.\./],
  ])('stops with a clear message for %s', async (_case, file, message) => {
    const { code, stderr } = await runUntilExit(['-f', fixture(file)]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });

  it('stops with a clear message when the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, stderr } = await runUntilExit(['--wiring', 'chain', '--listen', `127.0.0.1:${port}`]);
      expect(code).toBe(1);
      expect(stderr).toContain(`127.0.0.1:${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it('says which wirings there are', async () => {
    const { code, stderr } = await runUntilExit(['--wiring', 'carrier-pigeon']);
    expect(code).toBe(1);
    expect(stderr).toContain('--wiring must be one of network, chain, wit; "carrier-pigeon" is not');
  });
});
