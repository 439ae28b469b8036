// The app as its users see it, in every wiring and with book-api on every
// engine and WASI version built: the same bytes for the same request, whichever way the
// frontend reaches book-api and whatever runs book-api, and every error with
// its status and its words.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { type AppBuild, builtApps, builtOnWasi03, httpFrontendOnWasi03, manifestFor, type WasiVersion } from '../../scripts/lib/engines.js';
import { BUILD_DIR, DEFAULT_ENGINE, manifestOf, ROOT, type Wiring, wasmPath } from '../../scripts/lib/project.js';
import { sentence, WEEK } from '../support/http.js';
import { serveApp } from './target.js';

interface Answer {
  status: number;
  type: string | null;
  body: string;
  allow?: string;
}

async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const allow = response.headers.get('allow');
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
    ...(allow === null ? {} : { allow }),
  };
}

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';
const text = (status: number, body: string, extra: Partial<Answer> = {}): Answer => ({ status, type: TEXT, body, ...extra });
const json = (status: number, body: unknown, extra: Partial<Answer> = {}): Answer => ({
  status,
  type: JSON_TYPE,
  body: JSON.stringify(body),
  ...extra,
});
/** The Python frontend alone, calling the test's stand-in for book-api. */
const PYTHON_UPSTREAM = join(ROOT, 'test', 'fixtures', 'manifests', 'frontend-py-upstream.toml');
/** The WASI versions of the Python frontend built. */
const PYTHON_WASI: WasiVersion[] = builtOnWasi03() ? ['0.2', '0.3'] : ['0.2'];

/** PYTHON_UPSTREAM with the Python frontend built for `wasi`. */
async function pythonUpstream(wasi: WasiVersion): Promise<string> {
  if (wasi === '0.2') return PYTHON_UPSTREAM;
  const wasm = '"../../../build/frontend-py-http.wasm"';
  const source = await readFile(PYTHON_UPSTREAM, 'utf8');
  if (!source.includes(wasm)) throw new Error(`${PYTHON_UPSTREAM} no longer names ${wasm}, which this test swaps for its WASI 0.3 build`);
  const file = join(BUILD_DIR, 'engines', 'python-wasi-0.3', 'frontend-py-upstream.toml');
  await mkdir(join(BUILD_DIR, 'engines', 'python-wasi-0.3'), { recursive: true });
  await writeFile(file, source.replace(wasm, JSON.stringify(wasmPath('frontend-py-http-p3'))));
  return file;
}

/** Spin's answer to a path no public route matches. */
const EMPTY_404: Answer = { status: 404, type: null, body: '' };

type Build = Pick<AppBuild, 'engine' | 'wasi' | 'crossing'>;

/** The network wiring served on `port`, its frontend calling book-api at `apiOrigin`. */
const serveNetwork = async (port: number, apiOrigin = `http://127.0.0.1:${port}`, build?: Build): Promise<ServedApp> =>
  serveApp(await manifestFor('network', build?.engine, build?.wasi, build?.crossing), {
    port,
    env: { SPIN_VARIABLE_API_ORIGIN: apiOrigin },
  });

/** frontend-http on WASI 0.3 (which book-api does not matter to a frontend calling an impostor). */
const WASI_03_FRONTEND: Build = { engine: DEFAULT_ENGINE, wasi: '0.2', crossing: ['frontend-http'] };

describe.each(builtApps().map((build) => [build.name, build] as const))('with book-api on %s', (_name, build) => {
  const apps = new Map<Wiring, ServedApp>();
  const url = (wiring: Wiring, path: string): string => `${apps.get(wiring)?.url}${path}`;

  beforeAll(async () => {
    for (const wiring of build.wirings) {
      apps.set(
        wiring,
        wiring === 'network'
          ? await serveNetwork(await freePortOnLoopback(), undefined, build)
          : await serveApp(await manifestFor(wiring, build.engine, build.wasi, build.crossing)),
      );
    }
  }, 240_000);
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.stop()));
  });

  describe.each(build.wirings)('the %s wiring', (wiring) => {
    it.each([0, 1, 2, 3, 4, 5, 6])('renders the book of weekday %i', async (day) => {
      expect(await ask(url(wiring, `/?weekday=${day}`))).toEqual(text(200, sentence(day)));
    });

    it('answers with its length, not chunked, whichever the WASI version', async () => {
      const response = await fetch(url(wiring, '/?weekday=3'));
      const body = new Uint8Array(await response.arrayBuffer());
      expect([response.headers.get('content-length'), response.headers.get('transfer-encoding')]).toEqual([String(body.length), null]);
    });

    it("renders today's book (UTC) when no weekday is named", async () => {
      const before = new Date().getUTCDay();
      const answer = await ask(url(wiring, '/'));
      expect([text(200, sentence(before)), text(200, sentence(new Date().getUTCDay()))]).toContainEqual(answer);
    });

    it('answers a weekday out of range with 400 and the reason', async () => {
      expect(await ask(url(wiring, '/?weekday=7'))).toEqual(
        text(400, 'query parameter "weekday" must be from 0 (Sunday) to 6 (Saturday), got "7"'),
      );
    });

    it('answers a weekday that is not a number with 400 and the reason', async () => {
      expect(await ask(url(wiring, '/?weekday=thursday'))).toEqual(
        text(400, 'query parameter "weekday" must be a non-negative integer, got "thursday"'),
      );
    });

    it('answers another method with 405 and allow: GET', async () => {
      expect(await ask(url(wiring, '/'), { method: 'POST', body: 'x' })).toEqual(
        text(405, 'POST is not allowed on /; use GET', { allow: 'GET' }),
      );
    });

    it("answers a path no route matches with Spin's empty 404", async () => {
      expect(await ask(url(wiring, '/authors'))).toEqual(EMPTY_404);
    });

    it('does the work /bench asks for', async () => {
      expect(await ask(url(wiring, '/bench?calls=3&count=5'))).toEqual(text(200, '3 calls of 5 books: 15 books received'));
    });

    it('answers /bench out of bounds with 400 and the reason', async () => {
      expect(await ask(url(wiring, '/bench?calls=0'))).toEqual(text(400, 'query parameter "calls" must be from 1 to 100, got "0"'));
      expect(await ask(url(wiring, '/bench?count=10001'))).toEqual(
        text(400, 'query parameter "count" must be from 1 to 10000, got "10001"'),
      );
    });
  });

  describe("book-api's own routes", () => {
    // A build that serves no network wiring has no public route to them.
    const onNetwork = it.runIf(build.wirings.includes('network'));

    onNetwork('are public in the network wiring, as JSON', async () => {
      expect(await ask(url('network', '/api?weekday=3'))).toEqual(json(200, WEEK[3]));
      expect(await ask(url('network', '/api/week?count=9'))).toEqual(json(200, [...WEEK, WEEK[0], WEEK[1]]));
    });

    onNetwork('answer errors as JSON naming the parameter, the path or the method', async () => {
      expect(await ask(url('network', '/api?weekday=9'))).toEqual(
        json(400, { error: 'query parameter "weekday" must be from 0 (Sunday) to 6 (Saturday), got "9"', parameter: 'weekday' }),
      );
      expect(await ask(url('network', '/api/week?count=100001'))).toEqual(
        json(400, { error: 'query parameter "count" must be at most 100000, got "100001"', parameter: 'count' }),
      );
      expect(await ask(url('network', '/api/authors'))).toEqual(json(404, { error: 'no route for /api/authors' }));
      expect(await ask(url('network', '/api'), { method: 'DELETE' })).toEqual(
        json(405, { error: 'DELETE is not allowed on /api; use GET' }, { allow: 'GET' }),
      );
    });

    it.each(build.wirings.filter((wiring) => wiring !== 'network'))(
      'are not reachable from outside in the %s wiring: an empty 404',
      async (wiring) => {
        expect(await ask(url(wiring, '/api?weekday=3'))).toEqual(EMPTY_404);
        expect(await ask(url(wiring, '/api/books'))).toEqual(EMPTY_404);
      },
    );
  });
});

describe('when book-api fails, the frontend answers 502 with the reason', () => {
  let upstream: Server;
  let upstreamOrigin = '';
  const broken: ServedApp[] = [];
  beforeAll(async () => {
    // A book-api impostor that answers anything but a book.
    upstream = createServer((request, response) => {
      if (request.url?.includes('weekday=1')) response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream is down');
      else if (request.url?.includes('weekday=2')) response.writeHead(200, { 'content-type': 'application/json' }).end('{"title":42}');
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<h1>not a book</h1>');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const address = upstream.address();
    upstreamOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await Promise.all(broken.map((app) => app.stop()));
    upstream.close();
  });

  async function networkCalling(apiOrigin: string, build?: Build): Promise<ServedApp> {
    const app = await serveNetwork(await freePortOnLoopback(), apiOrigin, build);
    broken.push(app);
    return app;
  }

  it('when nothing listens where book-api should be', async () => {
    const closed = `http://127.0.0.1:${await freePortOnLoopback()}`;
    const app = await networkCalling(closed);
    expect(await ask(`${app.url}/?weekday=3`)).toEqual(
      text(502, `book-api failed: GET ${closed}/api?weekday=3 failed: TypeError: NetworkError when attempting to fetch resource`),
    );
  }, 120_000);

  /** What a frontend calling the impostor answers: garbage, an error, JSON of the wrong shape. */
  async function expectGarbageAnswered(app: ServedApp): Promise<void> {
    expect(await ask(`${app.url}/?weekday=3`)).toEqual(
      text(502, `book-api failed: GET ${upstreamOrigin}/api?weekday=3 answered invalid JSON: <h1>not a book</h1>`),
    );
    expect(await ask(`${app.url}/?weekday=1`)).toEqual(
      text(502, `book-api failed: GET ${upstreamOrigin}/api?weekday=1 answered 500: upstream is down`),
    );
    expect(await ask(`${app.url}/?weekday=2`)).toEqual(
      text(502, `book-api failed: GET ${upstreamOrigin}/api?weekday=2 answered JSON that is not a book: {"title":42}`),
    );
  }

  it('when book-api answers garbage, an error, or JSON of the wrong shape', async () => {
    await expectGarbageAnswered(await networkCalling(upstreamOrigin));
  }, 120_000);

  it.each(PYTHON_WASI)(
    'from the Python frontend on WASI %s: the same words, and the error code where fetch can only say NetworkError',
    async (wasi) => {
      const upstreamManifest = await pythonUpstream(wasi);
      const app = await serveApp(upstreamManifest, { env: { SPIN_VARIABLE_UPSTREAM: upstreamOrigin } });
      broken.push(app);
      await expectGarbageAnswered(app);
      const closed = `http://127.0.0.1:${await freePortOnLoopback()}`;
      const unreachable = await serveApp(upstreamManifest, { env: { SPIN_VARIABLE_UPSTREAM: closed } });
      broken.push(unreachable);
      expect(await ask(`${unreachable.url}/?weekday=3`)).toEqual(
        text(502, `book-api failed: GET ${closed}/api?weekday=3 failed: connection-refused`),
      );
      // chain-py may reach book-api.spin.internal only.
      const denied = await serveApp(await manifestFor('chain-py', DEFAULT_ENGINE, wasi), {
        env: { SPIN_VARIABLE_BOOK_API_URL: `${upstreamOrigin}/api` },
      });
      broken.push(denied);
      expect(await ask(`${denied.url}/?weekday=3`)).toEqual(
        text(502, `book-api failed: GET ${upstreamOrigin}/api?weekday=3 failed: HTTP-request-denied`),
      );
    },
    360_000,
  );

  // frontend-http's one domain module says the same, but its WASI 0.3 client names the error code.
  it.skipIf(!httpFrontendOnWasi03())(
    'from frontend-http on WASI 0.3: the same words, and the error code where fetch can only say NetworkError',
    async () => {
      await expectGarbageAnswered(await networkCalling(upstreamOrigin, WASI_03_FRONTEND));
      const closed = `http://127.0.0.1:${await freePortOnLoopback()}`;
      const unreachable = await networkCalling(closed, WASI_03_FRONTEND);
      expect(await ask(`${unreachable.url}/?weekday=3`)).toEqual(
        text(502, `book-api failed: GET ${closed}/api?weekday=3 failed: connection-refused`),
      );
      // chain may reach book-api.spin.internal only.
      const chain = await manifestFor('chain', WASI_03_FRONTEND.engine, WASI_03_FRONTEND.wasi, WASI_03_FRONTEND.crossing);
      const denied = await serveApp(chain, { env: { SPIN_VARIABLE_BOOK_API_URL: `${upstreamOrigin}/api` } });
      broken.push(denied);
      expect(await ask(`${denied.url}/?weekday=3`)).toEqual(
        text(502, `book-api failed: GET ${upstreamOrigin}/api?weekday=3 failed: HTTP-request-denied`),
      );
    },
    240_000,
  );

  it('when the URL it is given leads somewhere allowed_outbound_hosts does not allow', async () => {
    // The chain wiring allows book-api.spin.internal only; the URL is a variable, the permission is not.
    const app = await serveApp(manifestOf('chain'), { env: { SPIN_VARIABLE_BOOK_API_URL: `${upstreamOrigin}/api` } });
    broken.push(app);
    expect(await ask(`${app.url}/?weekday=3`)).toEqual(
      text(502, `book-api failed: GET ${upstreamOrigin}/api?weekday=3 failed: TypeError: NetworkError when attempting to fetch resource`),
    );
  }, 120_000);
});
