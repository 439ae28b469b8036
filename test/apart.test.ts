// `npm run bench:apart`: its plan, its namespaces as commands, its report, the
// latency proxy on loopback, and a quick run on loopback; never its speed.
// Nothing here needs root: the namespaces themselves are made only by the
// benchmark, which refuses to run without root unless told --loopback.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../scripts/lib/cli.js';
import { freePortOnLoopback } from '../scripts/lib/net.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { inNamespace, serveCommand } from '../scripts/lib/serve.js';
import { requireRoot } from '../scripts/lib/apart/namespaces.js';
import { callsOf, FULL, QUICK, roundOrder, subjectName } from '../scripts/lib/apart/plan.js';
import { buildLatencyProxy, LATENCY_PROXY, ping, type Running, startEcho, startProxy } from '../scripts/lib/apart/proxy.js';
import { markdown, roundTripsPerCall } from '../scripts/lib/apart/report.js';
import type { ApartResults, ApartSample } from '../scripts/lib/apart/results.js';
import {
  APART_BEHIND,
  NAMESPACE_TOPOLOGY,
  namespaceSetup,
  namespacesOf,
  namespaceTeardown,
  placeBehind,
  REPLICAS_BEHIND,
} from '../scripts/lib/apart/topology.js';

describe('the plan', () => {
  it('measures every layout, apart at each round trip, on every runtime in every round, the first runtime alternating', () => {
    const names = (round: number) => roundOrder(['spin', 'local'], FULL, round).map((s) => `${s.runtime} ${subjectName(s)}`);
    expect(names(0)).toEqual([
      'spin together (chain)',
      'local together (chain)',
      'spin composed (wit)',
      'local composed (wit)',
      ...FULL.rttMs.flatMap((rtt) => [`spin apart, ${rtt} ms`, `local apart, ${rtt} ms`]),
    ]);
    expect(names(1).slice(0, 2)).toEqual(['local together (chain)', 'spin together (chain)']);
    expect(FULL.rttMs).toEqual([0, 0.2, 1, 5]);
    expect(FULL.paths.map(callsOf)).toEqual([1, 7, 100]);
  });
});

describe.each([
  ['bench:apart', APART_BEHIND],
  ['bench:replicas', REPLICAS_BEHIND],
])('the namespaces of %s', (_, behind) => {
  const setup = namespaceSetup(behind);
  it('makes the frontend’s and those behind it, each link named within the kernel’s 15 bytes, the frontend’s namespace forwarding', () => {
    expect(setup.filter((c) => c[0] === 'netns' && c[1] === 'add').map((c) => c[2])).toEqual(namespacesOf(behind));
    for (const name of setup.flatMap((c) => c.flatMap((word, i) => (c[i - 1] === 'dev' || c[i - 1] === 'name' ? [word] : []))))
      expect(name.length, name).toBeLessThanOrEqual(15);
    expect(setup).toContainEqual(['netns', 'exec', NAMESPACE_TOPOLOGY.front.netns, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  });
  it('gives each place an address one of its namespace’s links has, and routes to it from here', () => {
    const places = [NAMESPACE_TOPOLOGY.front, ...behind.map((__, index) => placeBehind(behind, index))];
    for (const place of places) {
      const addresses = setup.filter((c) => c[0] === '-n' && c[1] === place.netns && c[2] === 'addr').map((c) => c[4]);
      expect(addresses.map((a) => a.split('/')[0])).toContain(place.host);
    }
    expect(new Set(places.map((p) => p.host)).size).toBe(places.length);
    expect(setup.filter((c) => c[0] === 'route' && c[1] === 'add')).toHaveLength(behind.length);
  });
  it('undoes all it makes: every namespace, and the link left in this one', () => {
    const teardown = namespaceTeardown(behind);
    for (const ns of namespacesOf(behind)) expect(teardown).toContainEqual(['netns', 'del', ns]);
    const madeHere = setup.filter((c) => c[0] === 'link' && c[1] === 'add').map((c) => c[2]);
    // The links behind are made in the frontend's namespace and go with it; the first is made here.
    expect(teardown).toContainEqual(['link', 'del', madeHere[0]]);
  });
});

describe('a server in a namespace', () => {
  it('runs a server in its namespace, listening on its address', () => {
    const [command, args] = serveCommand(
      { runtime: 'spin', manifest: 'spin.toml', host: '10.213.1.2', netns: 'bookserver-front' },
      3000,
      '/tmp/state',
    );
    expect([command, ...args]).toEqual([
      'ip',
      'netns',
      'exec',
      'bookserver-front',
      'spin',
      'up',
      '-f',
      'spin.toml',
      '--listen',
      '10.213.1.2:3000',
      '--state-dir',
      '/tmp/state',
    ]);
    expect(inNamespace(undefined, 'spin', ['up'])).toEqual(['spin', ['up']]);
  });
  it('refuses to run without root, naming --loopback', () => {
    const uid = vi.spyOn(process, 'getuid').mockReturnValue(1000);
    try {
      expect(() => requireRoot('npm run bench:apart')).toThrow(UserError);
      expect(() => requireRoot('npm run bench:apart')).toThrow(/needs root: run it as root .*or add --loopback/);
      uid.mockReturnValue(0);
      expect(() => requireRoot('npm run bench:apart')).not.toThrow();
    } finally {
      uid.mockRestore();
    }
  });
});

/** Results whose apart p50 grows by `tripsPerCall` of the pinged round trip for every call. */
function synthetic(tripsPerCall: number, kind: 'namespaces' | 'loopback' = 'namespaces'): ApartResults {
  const hop = [
    { p50Ms: 0.01, p99Ms: 0.02, addedMs: 0 },
    ...[0, 1, 5].map((rttMs) => ({ rttMs, p50Ms: rttMs + 0.06, p99Ms: rttMs + 0.3, addedMs: rttMs + 0.05 })),
  ];
  const samples: ApartSample[] = [];
  for (const path of ['/?weekday=3', '/bench?calls=7&count=1'])
    for (const clients of [1, 4])
      for (const subject of roundOrder(['spin'], { ...FULL, rttMs: [0, 1, 5] }, 0)) {
        const p50 = 2 + (subject.rttMs ?? 0) * callsOf(path) * tripsPerCall;
        samples.push({
          ...subject,
          path,
          clients,
          round: 0,
          requests: 100,
          requestsPerSecond: 1000 / p50,
          latency: { p50, p90: p50, p99: p50 * 2 },
          errors: 0,
          cpuMsPerRequest: 1,
          ...(subject.layout === 'apart' ? { proxyCpuMsPerRequest: 0.1, connectionsPerRequest: tripsPerCall - 1 } : {}),
        });
      }
  return {
    date: '2026-12-04T00:00:00.000Z',
    command: 'npm run bench:apart',
    plan: 'full',
    topology: kind === 'namespaces' ? { kind } : { kind, reason: '`ip netns add bookserver-front` failed: Operation not permitted' },
    runtimes: [{ name: 'spin', version: '9.9.9 (test)' }],
    machine: { cpu: 'a CPU', cores: 2, memoryGiB: 24, os: 'Linux', node: 'v20' },
    clients: { idle: 1, loaded: 4 },
    seconds: 4,
    rounds: 1,
    hop,
    startup: [],
    samples,
  };
}

describe('the report', () => {
  it('counts the round trips each call waited for: one on a kept-alive connection, two when each call opens one', () => {
    for (const trips of [1, 2]) {
      const results = synthetic(trips);
      const load = { path: '/bench?calls=7&count=1', clients: 1 };
      expect(roundTripsPerCall(results, { runtime: 'spin', layout: 'apart', rttMs: 5 }, load)).toBeCloseTo(trips, 6);
      expect(roundTripsPerCall(results, { runtime: 'spin', layout: 'apart', rttMs: 0 }, load)).toBeUndefined();
      expect(roundTripsPerCall(results, { runtime: 'spin', layout: 'together' }, load)).toBeUndefined();
    }
  });
  it('shows the hop as pinged, then every layout on each path for each runtime', () => {
    const summary = markdown(synthetic(1));
    expect(summary).toMatch(/^\| proxy, 5 ms asked +\| 5\.060 +\| 5\.300 +\| 5\.050 +\|$/m);
    expect(summary.match(/^#### GET /gm)).toHaveLength(2);
    expect(summary).toMatch(/^### Spin 9\.9\.9 \(test\)$/m);
    expect(summary).toMatch(/^\| apart, 5 ms +\| 37\.00 \/ 74\.00 +\| 35\.00 +\| 1\.0 +\|/m);
    expect(summary).toContain('in network namespaces of their own');
  });
  it('puts what one client waits on every page and layout side by side first', () => {
    const summary = markdown(synthetic(1));
    expect(summary).toMatch(/^\| page +\| together \(chain\) +\| composed \(wit\) +\| apart, 0 ms +\| apart, 1 ms +\| apart, 5 ms +\|$/m);
    expect(summary).toMatch(/^\| 7 calls +\| 2\.00 +\| 2\.00 +\| 2\.00 +\| 9\.00 +\| 37\.00 +\|$/m);
    expect(summary.indexOf('| 7 calls ')).toBeLessThan(summary.indexOf('#### GET '));
  });
  it('says when the run was on loopback, and why', () => {
    expect(markdown(synthetic(1, 'loopback'))).toContain(
      '**On loopback, not in namespaces** (`ip netns add bookserver-front` failed: Operation not permitted)',
    );
  });
});

describe('tools/latency-proxy', () => {
  let echo: Running;
  let echoAt: string;
  beforeAll(async () => {
    await buildLatencyProxy();
    const port = await freePortOnLoopback();
    echo = await startEcho({ host: '127.0.0.1' }, port);
    echoAt = `127.0.0.1:${port}`;
  }, 120_000);
  afterAll(() => echo?.stop());

  const through = async (rttMs: number, body: (at: string, connections: () => number) => Promise<void>): Promise<void> => {
    const dir = await mkdtemp(join(tmpdir(), 'latency-proxy-'));
    const port = await freePortOnLoopback();
    const proxy = await startProxy({ host: '127.0.0.1' }, port, echoAt, rttMs, join(dir, 'count'));
    try {
      await body(`127.0.0.1:${port}`, proxy.connections);
    } finally {
      await proxy.stop();
    }
  };

  it('adds at least the round trip asked, and no such wait without a proxy', async () => {
    const bare = await ping({ host: '127.0.0.1' }, echoAt, 200);
    expect(bare.p50Ms).toBeLessThan(2);
    await through(2, async (at) => {
      const delayed = await ping({ host: '127.0.0.1' }, at, 50);
      expect(delayed.minMs).toBeGreaterThanOrEqual(2);
    });
  });

  it('passes bytes through unchanged, in order, and counts the connections it accepted', async () => {
    await through(0.2, async (at, connections) => {
      const [host, port] = at.split(':');
      const { connect } = await import('node:net');
      const sent = Buffer.from(Array.from({ length: 3 * 2 ** 20 }, (_, i) => (i * 7919) % 251));
      for (let n = 0; n < 2; n++) {
        const received = await new Promise<Buffer>((resolve, reject) => {
          const socket = connect(Number(port), host, () => socket.end(sent));
          const chunks: Buffer[] = [];
          socket.on('data', (chunk) => chunks.push(chunk));
          socket.on('end', () => resolve(Buffer.concat(chunks)));
          socket.on('error', reject);
        });
        expect(received.equals(sent)).toBe(true);
      }
      await expect.poll(connections, { timeout: 2000 }).toBe(2);
    });
  });

  it('refuses a round trip that is not a number of milliseconds, saying which', async () => {
    await expect(run(LATENCY_PROXY, ['proxy', '--listen', '127.0.0.1:0', '--upstream', echoAt, '--rtt-ms', 'fast'])).rejects.toThrow(
      /--rtt-ms must be a number of milliseconds, not "fast"/,
    );
    await expect(run(LATENCY_PROXY, ['proxy', '--listen', '127.0.0.1:0', '--upstream', echoAt])).rejects.toThrow(/--rtt-ms is required/);
  });
});

describe('npm run bench:apart -- --quick --loopback', () => {
  it('measures every layout at every load on loopback, says so, and leaves nothing running', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bench-apart-'));
    const PATH = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => dir && !existsSync(join(dir, 'spin')))
      .join(delimiter);
    const printed = await run(npmBin('tsx'), ['scripts/bench-apart.ts', '--quick', '--loopback', '--out', out], {
      env: { ...process.env, PATH },
    });
    expect(printed).toContain('On loopback: --loopback was given');
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as ApartResults;
    expect(results.topology).toEqual({ kind: 'loopback', reason: '--loopback was given' });
    expect(results.hop.map((p) => p.rttMs)).toEqual([undefined, ...QUICK.rttMs]);
    expect(results.hop[2].addedMs).toBeGreaterThanOrEqual(1);
    const cells = new Set(results.samples.map((s) => `${subjectName(s)} ${s.path} ${s.clients}`));
    expect(cells.size).toBe((2 + QUICK.rttMs.length) * QUICK.paths.length * 2);
    for (const s of results.samples) {
      expect(s.errors, subjectName(s)).toBe(0);
      expect(s.requests, subjectName(s)).toBeGreaterThan(0);
      expect(s.cpuMsPerRequest, subjectName(s)).toBeGreaterThan(0);
      expect(s.connectionsPerRequest === undefined, subjectName(s)).toBe(s.layout !== 'apart');
    }
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain('**On loopback, not in namespaces** (--loopback was given)');
    const processes = await run('ps', ['-eo', 'args']);
    expect(processes.split('\n').filter((line) => line.startsWith(`${LATENCY_PROXY} proxy`))).toEqual([]);
  }, 240_000);
});
