// What only the local runtime does, or says in its own words: its start-up
// lines and errors, why it denied a request, the state of its workers, and
// how it stops. What Spin does too is in test/conformance/, run against both.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/lib/project.js';
import { serve, type ServedApp } from '../scripts/lib/serve.js';
import { manifestOf } from '../scripts/lib/project.js';
import { runUp } from './support/runtime.js';

const PROBE_APP = join(ROOT, 'test', 'fixtures', 'manifests', 'probe.toml');

describe('serving the app', () => {
  let chain: ServedApp;
  let network: ServedApp;
  beforeAll(async () => {
    chain = await serve({ runtime: 'local', manifest: manifestOf('chain') });
    network = await serve({ runtime: 'local', manifest: manifestOf('network') });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([chain.stop(), network.stop()]);
  });

  it('prints Spin-like start-up lines', () => {
    expect(chain.stdout()).toMatch(/Logging component stdio to ".*\.spin\/logs\/"/);
    expect(chain.stdout()).toMatch(
      /Serving http:\/\/127\.0\.0\.1:\d+\nAvailable Routes:\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\/bench\n {2}book-api: private/,
    );
    expect(network.stdout()).toMatch(/ {2}book-api: http:\/\/127\.0\.0\.1:\d+\/api \(wildcard\)/);
  });

  it('serves 1,000 requests at 16 connections without an error, and leaves no instance behind', async () => {
    const result = await autocannon({ url: `${chain.url}/?weekday=4`, connections: 16, amount: 1000 });
    expect({ done: result.requests.sent, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({
      done: 1000,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
    });
    const info = (await (await fetch(`${chain.url}/.well-known/spin/info`)).json()) as {
      instances: { live: number; prepared: number };
      workers: number;
    };
    expect(info.instances.live).toBe(0);
    // Each worker keeps at most one instance per component ready for the next request.
    expect(info.instances.prepared).toBeLessThanOrEqual(info.workers * 2);
  }, 120_000);
});

describe('the probe app', () => {
  let app: ServedApp;
  let slow: Server;
  let slowUrl = '';
  beforeAll(async () => {
    app = await serve({ runtime: 'local', manifest: PROBE_APP });
    // An upstream that answers after half a second, to keep a request in flight.
    slow = createServer((_request, response) => setTimeout(() => response.end('slow answer'), 500));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const address = slow.address();
    slowUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  }, 60_000);
  afterAll(async () => {
    await app.stop();
    slow.close();
  });

  const call = (from: string, target: string): Promise<Response> => fetch(`${app.url}${from}/call?url=${encodeURIComponent(target)}`);

  it('says why it refused to chain', async () => {
    expect((await call('/closed', 'http://book-api.spin.internal/api')).status).toBe(502);
    await expect
      .poll(app.stderr)
      .toContain(
        'closed: denied GET http://book-api.spin.internal/api: allowed_outbound_hosts does not name book-api.spin.internal or *.spin.internal',
      );
  });

  it('says why it refused a request to a host not allowed', async () => {
    expect((await call('/probe', 'http://example.test/')).status).toBe(502);
    await expect.poll(app.stderr).toContain('probe: denied GET http://example.test/: not in allowed_outbound_hosts');
  });

  it('says which component trapped, and on what', async () => {
    await call('/probe', 'http://echo.spin.internal/trap');
    await expect.poll(app.stderr).toMatch(/echo trapped while handling GET \/trap: RuntimeError/);
  });

  it('lets a request in flight finish when it stops on SIGTERM', async () => {
    const separate = await serve({ runtime: 'local', manifest: PROBE_APP });
    const inFlight = fetch(`${separate.url}/probe/call?url=${encodeURIComponent(slowUrl)}`).then(
      (r) => r.json(),
      (error: unknown) => String(error),
    );
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
    [
      'an unknown component',
      'unknown-component.toml',
      /trigger\.http\[0\]\.component: "frontnd" is not a component of this app \(its components: frontend\)/,
    ],
    [
      'a missing Wasm file',
      'missing-wasm.toml',
      /component\.frontend\.source: .*not-built\.wasm does not exist; build it with "npm run build -- frontend-http"/,
    ],
    [
      'a required variable without a value',
      'required-variable.toml',
      /variables\.api_token is required but has no value; set it with SPIN_VARIABLE_API_TOKEN=\.\.\./,
    ],
  ])('stops with a clear message for %s', async (_case, file, message) => {
    const { code, stderr } = await runUp(['-f', fixture(file)]);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });

  it('stops with a clear message when the port is in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { code, stderr } = await runUp(['--wiring', 'chain', '--listen', `127.0.0.1:${port}`]);
      expect(code).toBe(1);
      expect(stderr).toContain(`127.0.0.1:${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it('says which wirings there are', async () => {
    const { code, stderr } = await runUp(['--wiring', 'carrier-pigeon']);
    expect(code).toBe(1);
    expect(stderr).toContain('--wiring must be one of network, chain, wit; "carrier-pigeon" is not');
  });
});
