// The limits an app meets when it misbehaves (runtime/executor/limits.ts),
// over HTTP: a chaining loop, the instances alive at once, the memory an
// instance may grow to, and a guest that never returns. The app is
// test/fixtures/manifests/limits.toml: the frontend told to chain to itself,
// a mistake anyone can make, and the probe.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuSeconds, processTree } from '../../scripts/lib/bench/processes.js';
import { ROOT } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { ON_SPIN, serveApp, titleWithSpinBug, type AppOptions } from './target.js';

const LIMITS_APP = join(ROOT, 'test', 'fixtures', 'manifests', 'limits.toml');
const MiB = 2 ** 20;

/** What the frontend answers when its call to book-api, here itself, answered `status` with `body`. */
const upstreamAnswered = (status: number, body: string): string =>
  `book-api failed: GET http://frontend.spin.internal/ answered ${status}: ${body.slice(0, 200)}`;

/** Serves the limits app for the cases of one describe block. */
function servedWith(options: AppOptions): () => ServedApp {
  let app: ServedApp | undefined;
  beforeAll(async () => {
    app = await serveApp(LIMITS_APP, options);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });
  return () => {
    if (!app) throw new Error('the app did not start');
    return app;
  };
}

describe('a chaining loop', () => {
  const app = servedWith({});

  it('fails with a 502 that says what failed, while other clients are served', async () => {
    const looping = fetch(`${app().url}/`);
    const meanwhile = await fetch(`${app().url}/probe/headers`);
    expect(meanwhile.status).toBe(200);
    const answer = await looping;
    expect(answer.status).toBe(502);
    expect(await answer.text()).toMatch(/^book-api failed: GET http:\/\/frontend\.spin\.internal\/ answered 502: book-api failed: /);
    expect((await fetch(`${app().url}/probe/headers`)).status).toBe(200);
  }, 60_000);

  it('is named in the log, with its depth', () => {
    // Spin has no bound on chaining depth: its instance pool ends a loop, after 1000 instances.
    if (ON_SPIN) expect(app().stdout() + app().stderr()).toMatch(/maximum concurrent limit of 1000 for component instances/);
    else
      expect(app().stderr()).toMatch(
        'frontend: refused GET http://frontend.spin.internal/ (loop-detected): a chaining loop, frontend → frontend, would nest 33 chained requests deep, past --max-chain-depth 32',
      );
  });
});

describe('the instances alive at once (SPIN_MAX_INSTANCE_COUNT)', () => {
  describe('four of them', () => {
    const app = servedWith({ env: { SPIN_MAX_INSTANCE_COUNT: '4' } });

    it('end a chaining loop at the fifth: its caller gets an empty 500, and each frontend above says so', async () => {
      let expected = upstreamAnswered(500, '');
      for (let frontend = 1; frontend < 4; frontend++) expected = upstreamAnswered(502, expected);
      const answer = await fetch(`${app().url}/`);
      expect({ status: answer.status, body: await answer.text() }).toEqual({ status: 502, body: expected });
    });
  });

  describe('one of them', () => {
    const app = servedWith({ env: { SPIN_MAX_INSTANCE_COUNT: '1' } });

    it('a request from outside past it is answered an empty 500, and the next is served once the first is done', async () => {
      // The probe holds the one instance while it waits on a slow server: waiting, not spinning, since a
      // spinning guest can keep Spin 4.1 from accepting connections at all.
      const slow = createServer((_request, response) => setTimeout(() => response.end('slow'), 3000));
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
      const { port } = slow.address() as AddressInfo;
      try {
        const waiting = fetch(`${app().url}/probe/call?url=${encodeURIComponent(`http://127.0.0.1:${port}/`)}`);
        await sleep(1000);
        const refused = await fetch(`${app().url}/probe/headers`);
        expect({ status: refused.status, body: await refused.text() }).toEqual({ status: 500, body: '' });
        expect(await (await waiting).json()).toEqual({ status: 200, body: 'slow' });
        expect((await fetch(`${app().url}/probe/headers`)).status).toBe(200);
      } finally {
        slow.close();
      }
    }, 30_000);

    it('a chained request past it is answered an empty 500', async () => {
      const url = encodeURIComponent('http://probe.spin.internal/probe/headers');
      const answer = await fetch(`${app().url}/probe/call?url=${url}`);
      expect(await answer.json()).toEqual({ status: 500, body: '' });
    });
  });
});

describe('the memory an instance may grow to (--max-instance-memory)', () => {
  const app = servedWith({ args: ['--max-instance-memory', String(64 * MiB)] });

  it('a guest that stays within it is served', async () => {
    const answer = await fetch(`${app().url}/probe/grow?mib=16`);
    expect(await answer.json()).toEqual({ mib: 16 });
  });

  it('a guest that grows past it is answered 500, and the next is served', async () => {
    expect((await fetch(`${app().url}/probe/grow?mib=128`)).status).toBe(500);
    expect(await (await fetch(`${app().url}/probe/grow?mib=16`)).json()).toEqual({ mib: 16 });
  });
});

describe('a guest that never returns', () => {
  const app = servedWith({});

  it(titleWithSpinBug(
    'holds a core no longer once its client has gone, and the server serves on',
    'Spin 4.1.0-pre0 runs a WASIp2 guest to its end after its client has gone, so one that never ends holds a core until the server stops',
  ), async () => {
    const client = new AbortController();
    const request = fetch(`${app().url}/probe/busy`, { signal: client.signal }).catch(() => undefined);
    await sleep(1000);
    client.abort();
    await request;
    await sleep(2000);
    const tree = processTree(app().pid);
    const before = cpuSeconds(tree);
    await sleep(2000);
    // A guest still spinning uses about 2 s of CPU in these 2 s; an idle server next to none.
    const used = cpuSeconds(tree) - before;
    if (ON_SPIN) {
      // Spin may then leave other requests waiting too, so that is not asked of it.
      expect(used).toBeGreaterThan(1.5);
    } else {
      expect(used).toBeLessThan(0.5);
      expect((await fetch(`${app().url}/probe/headers`)).status).toBe(200);
    }
  }, 30_000);
});
