// What only the local runtime does, or says in its own words: its start-up
// lines and errors, why it denied a request, the state of its workers, and
// how it stops. What Spin does too is in test/conformance/, run against both.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../scripts/lib/net.js';
import { manifestOf, ROOT } from '../scripts/lib/project.js';
import { serve, type ServedApp } from '../scripts/lib/serve.js';
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
    // serve() gives every app a state directory of its own, where the logs go.
    expect(chain.stdout()).toMatch(/Logging component stdio to "[^"]*bookserver-state-\w+\/logs\/"/);
    expect(chain.stdout()).toMatch(
      /Serving http:\/\/127\.0\.0\.1:\d+\nAvailable Routes:\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\/bench\n {2}frontend: http:\/\/127\.0\.0\.1:\d+\/books \(wildcard\)\n {2}book-api: private/,
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

interface Info {
  workers: number;
  busy: number;
  instances: { live: number; prepared: number };
}
const info = async (app: ServedApp): Promise<Info> => (await fetch(`${app.url}/.well-known/spin/info`)).json() as Promise<Info>;
// A guest that never returns, whatever the machine's speed (the probe holds its core for ever).
const NEVER_RETURNS = '/probe/busy';

describe('abandoned and overlong requests', () => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serve({ runtime: 'local', manifest: PROBE_APP, args: ['--request-timeout', '1500ms'] });
  }, 60_000);
  afterAll(async () => {
    await app.stop();
  });

  it('stop costing anything when their clients go, and the runtime answers its own routes meanwhile', async () => {
    const clients = [0, 1].map(() => new AbortController());
    const requests = clients.map((client) => fetch(`${app.url}${NEVER_RETURNS}`, { signal: client.signal }).catch(() => 'abandoned'));
    await expect.poll(async () => (await info(app)).busy).toBe(2);
    for (const client of clients) client.abort();
    expect(await Promise.all(requests)).toEqual(['abandoned', 'abandoned']);
    await expect.poll(async () => (await info(app)).busy, { timeout: 5000 }).toBe(0);
    expect((await fetch(`${app.url}/probe/busy?ms=0`)).status).toBe(200);
    expect(app.stderr()).not.toContain('a worker stopped');
  });

  it('are answered 500 past --request-timeout, and say so', async () => {
    const response = await fetch(`${app.url}${NEVER_RETURNS}`);
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 500, body: '' });
    expect(app.stderr()).toContain(`GET ${NEVER_RETURNS}: still running after the request timeout; abandoned`);
    expect((await fetch(`${app.url}/probe/busy?ms=0`)).status).toBe(200);
  });
});

describe('guests that wait on a slow upstream', () => {
  it('get extra workers, which are retired once idle; and no listener is kept per request', async () => {
    const slow = createServer((_request, response) => setTimeout(() => response.end('slow answer'), 300));
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const address = slow.address();
    const upstream = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    const app = await serve({ runtime: 'local', manifest: PROBE_APP, args: ['--worker-idle-timeout', '1s'] });
    try {
      const base = (await info(app)).workers;
      const call = `${app.url}/probe/call?url=${encodeURIComponent(upstream)}`;
      for (let wave = 0; wave < 12; wave++) await Promise.all(Array.from({ length: 8 }, () => fetch(call).then((r) => r.text())));
      expect((await info(app)).workers).toBeGreaterThan(base);
      await expect.poll(async () => (await info(app)).workers, { timeout: 10_000 }).toBe(base);
      expect(app.stderr()).not.toContain('MaxListenersExceededWarning');
    } finally {
      await app.stop();
      slow.close();
    }
  }, 60_000);
});

describe('the network wiring', () => {
  it("serves the frontend's calls to its own address in the worker: no worker waits on the server", async () => {
    const port = await freePortOnLoopback();
    const network = await serve({
      runtime: 'local',
      manifest: manifestOf('network'),
      port,
      env: { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` },
    });
    try {
      const base = (await info(network)).workers;
      await autocannon({ url: `${network.url}/?weekday=3`, connections: 16, duration: 3 });
      expect((await info(network)).workers).toBe(base);
    } finally {
      await network.stop();
    }
  }, 60_000);
});

describe('stopping', () => {
  it('closes what is still open after --shutdown-grace, then exits', async () => {
    const app = await serve({ runtime: 'local', manifest: PROBE_APP, args: ['--shutdown-grace', '1s'] });
    // A client that announces a body and never sends most of it, to a guest that reads it all.
    const socket = connect(app.port, '127.0.0.1', () =>
      socket.write(`POST /probe/body HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nhalf`),
    );
    socket.on('error', () => undefined);
    await expect.poll(async () => (await info(app)).busy).toBe(1);
    expect(await app.stop('SIGTERM')).toBe(0);
    socket.destroy();
  }, 30_000);
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
    ['a source that is not WebAssembly', 'startup/not-wasm.toml', /component\.probe\.source: \S*not-wasm\.wasm is not a WebAssembly file/],
    ['a source cut short', 'startup/truncated.toml', /component\.probe\.source: \S*truncated\.wasm cannot be read as a component: /],
    [
      'a source that is a directory',
      'startup/directory.toml',
      /component\.probe\.source: \S*a-directory\.wasm is a directory, not a Wasm file/,
    ],
    [
      'a routed component without an HTTP handler',
      'startup/no-handler.toml',
      /component\.catalog\.source: \S*catalog-caller\.wasm exports neither wasi:http\/incoming-handler nor wasi:http\/handler, so it cannot serve HTTP \(it exports bookserver:books\/catalog\)/,
    ],
    [
      'a component id with _',
      'startup/bad-id.toml',
      /component\.Bad_ID!: "Bad_ID!" is not a component id Spin accepts: words must be separated with '-', not '_'/,
    ],
    ['a component id with a dot', 'startup/dotted-id.toml', /component\.a\.b: "a\.b" is not a component id Spin accepts: .* got '\.'/],
    [
      'a dependency file that does not exist',
      'deps/missing-file.toml',
      /component\.frontend\.dependencies\."bookserver:books\/catalog": \S*not-built\.wasm does not exist/,
    ],
    [
      'an import that no dependency satisfies',
      'deps/unsatisfied.toml',
      /component frontend imports bookserver:books\/catalog@0\.1\.0, which the local runtime does not provide; an entry in \[component\.frontend\.dependencies\] can satisfy it/,
    ],
    [
      'two dependencies for one import',
      'deps/conflict.toml',
      /component\.frontend\.dependencies: bookserver:books\/catalog@0\.1\.0 is matched by more than one dependency: "bookserver:books", "bookserver:books\/catalog"/,
    ],
    [
      'a dependency that matches no import',
      'deps/unmatched.toml',
      /component\.frontend\.dependencies\."bookserver:authors\/catalog": matches none of frontend's imports \(those no host provides: bookserver:books\/catalog@0\.1\.0\)/,
    ],
    [
      'a dependency from a registry',
      'deps/registry.toml',
      /component\.frontend\.dependencies\."bookserver:books\/catalog": a registry dependency needs a registry, which the local runtime does not reach/,
    ],
    [
      'both ways of saying what a dependency inherits',
      'deps/both-inherit-settings.toml',
      /component\.frontend: dependencies_inherit_configuration and the inherit_configuration of "bookserver:books\/catalog" exclude each other/,
    ],
    [
      'a component used as a dependency with permissions of its own',
      'deps/dependency-with-permissions.toml',
      /component\.frontend\.dependencies\."bookserver:books": component book-api cannot be a dependency: it has allowed_outbound_hosts of its own/,
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
      const { code, stderr } = await runUp(['--wiring', 'chain', '--listen', `127.0.0.1:${port}`], { SPIN_VARIABLE_API_TOKEN: 't' });
      expect(code).toBe(1);
      expect(stderr).toContain(`127.0.0.1:${port} is already in use`);
    } finally {
      taken.close();
    }
  });

  it('names every allowed_outbound_hosts entry it cannot parse, with its index and what is wrong', async () => {
    const { code, stderr } = await runUp(['-f', fixture('startup/bad-hosts.toml')]);
    expect(code).toBe(1);
    for (const line of [
      'component.probe.allowed_outbound_hosts[0]: "http://exa mple.com": "exa mple.com" is not a host name or IP address',
      'component.probe.allowed_outbound_hosts[1]: "http://[::1": "[:" is not a host name or IP address',
      'component.probe.allowed_outbound_hosts[2]: "http://": the host is empty',
      'component.probe.allowed_outbound_hosts[3]: "http://x:99999": port "99999" is not a port number (0 to 65535)',
      'component.probe.allowed_outbound_hosts[4]: "example.com" has no scheme',
    ]) {
      expect(stderr).toContain(line);
    }
  });

  it('warns of what Spin starts anyway, and lists a component that is private and public by its public route', async () => {
    const app = await serve({ runtime: 'local', manifest: fixture('startup/starts-anyway.toml') });
    await app.stop();
    for (const warning of [
      'Warning: route /.well-known/spin/mine of probe is never reached: the runtime answers /.well-known/spin/... itself',
      'Warning: component probe may chain to nowhere.spin.internal, but this app has no component nowhere',
      'Warning: component.closed.allowed_outbound_hosts[0]: "{{ missing }}" refers to no application variable; every outbound request of closed will be denied',
    ]) {
      expect(app.stdout()).toContain(warning);
    }
    expect(app.stdout()).toMatch(/ {2}probe: http:\/\/127\.0\.0\.1:\d+ \(wildcard\)/);
    expect(app.stdout()).not.toContain('probe: private');
  });

  it('says what it composed at start-up, and composes nothing again on a restart', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'bookserver-cache-'));
    const env = { BOOKSERVER_CACHE_DIR: cache };
    const composedBy = async (): Promise<string> => {
      const app = await serve({ runtime: 'local', manifest: manifestOf('deps'), env });
      await app.stop();
      return app.stdout();
    };
    const line = / {2}bookserver:books\/catalog@0\.1\.0 ← build\/book-api\.wasm \(inherits key_value_stores, variables\)/;
    const first = await composedBy();
    expect(first).toMatch(/^Composed frontend with its dependencies, by wac in \d+\.\ds:$/m);
    expect(first).toMatch(line);
    const second = await composedBy();
    expect(second).toMatch(/^Composed frontend with its dependencies, as cached:$/m);
    expect(second).toMatch(line);
    await rm(cache, { recursive: true, force: true });
  }, 240_000);

  it('says which wirings there are', async () => {
    const { code, stderr } = await runUp(['--wiring', 'carrier-pigeon']);
    expect(code).toBe(1);
    expect(stderr).toContain('--wiring must be one of network, chain, wit, deps, chain-py, wit-py; "carrier-pigeon" is not');
  });
});
