// The REST API as its users see it, in every wiring and with book-api on
// every engine and WASI version built: writes with a body and a bearer token, reads back,
// paging, versions, and every refusal with its status and words, the same
// bytes whichever way the frontend reaches book-api; and book-api's own JSON
// where a route reaches it (network). Each app starts on a store of its own.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtApps, manifestFor } from '../../scripts/lib/engines.js';
import { freePortOnLoopback } from '../../scripts/lib/net.js';
import { manifestOf, SERVED_API_TOKEN, type Wiring } from '../../scripts/lib/project.js';
import { type RuntimeName, type ServedApp, serve, spinAvailable } from '../../scripts/lib/serve.js';
import { MAX_BODY } from '../../components/shared/http.js';
import { MAX_FIELD } from '../../components/shared/limits.js';
import { sentence } from '../support/http.js';
import { serveApp } from './target.js';

/** What the app's components wrote to stdout, all of them: Spin and the local runtime keep it under <state dir>/logs. */
async function componentLogs(app: ServedApp): Promise<string> {
  const dir = join(app.stateDir, 'logs');
  const files = (await readdir(dir)).filter((file) => file.endsWith('_stdout.txt'));
  return (await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')))).join('');
}

interface Answer {
  status: number;
  body: string;
  /** The headers a case looks at, when the answer has them. */
  headers: Record<string, string>;
}

const SHOWN = ['content-type', 'location', 'etag', 'www-authenticate', 'allow'];

async function ask(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const headers: Record<string, string> = {};
  for (const name of SHOWN) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { status: response.status, body: await response.text(), headers };
}

const TEXT = 'text/plain; charset=utf-8';
const text = (status: number, body: string, headers: Record<string, string> = {}): Answer => ({
  status,
  body,
  headers: { 'content-type': TEXT, ...headers },
});
const bearer = (token = SERVED_API_TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });
const jsonBody = (value: unknown): RequestInit => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
const write = (method: string, body: RequestInit, headers: Record<string, string> = bearer()): RequestInit => ({
  method,
  ...body,
  headers: { ...(body.headers as Record<string, string>), ...headers },
});
const PIRANESI = { title: 'Piranesi', author: 'Susanna Clarke' };

describe.each(builtApps().map((build) => [build.name, build] as const))('with book-api on %s', (_name, build) => {
  const apps = new Map<Wiring, ServedApp>();
  const url = (wiring: Wiring, path: string): string => `${apps.get(wiring)?.url}${path}`;

  beforeAll(async () => {
    for (const wiring of build.wirings) {
      const port = await freePortOnLoopback();
      const env = wiring === 'network' ? { SPIN_VARIABLE_API_ORIGIN: `http://127.0.0.1:${port}` } : undefined;
      apps.set(wiring, await serveApp(await manifestFor(wiring, build.engine, build.wasi, build.crossing), { port, env }));
    }
  }, 240_000);
  afterAll(async () => {
    await Promise.all([...apps.values()].map((app) => app.stop()));
  });

  describe.each(build.wirings)('the %s wiring', (wiring) => {
    it('adds a book with a JSON body and the token, and reads it back, in the list and by its id', async () => {
      expect(await ask(url(wiring, '/books'), write('POST', jsonBody(PIRANESI)))).toEqual(
        text(201, 'Added 8. _Piranesi_ by Susanna Clarke (version 1)', { location: '/books/8', etag: '"1"' }),
      );
      expect(await ask(url(wiring, '/books/8'))).toEqual(text(200, '8. _Piranesi_ by Susanna Clarke (version 1)', { etag: '"1"' }));
      expect((await ask(url(wiring, '/books?cursor=7'))).body).toBe('8. _Piranesi_ by Susanna Clarke (version 1)');
    });

    it('adds a book from a form, UTF-8 included', async () => {
      const form = { body: 'title=Mo%C3%AFra&author=Ana+%C3%9Ar%C3%A9', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
      expect(await ask(url(wiring, '/books'), write('POST', form))).toEqual(
        text(201, 'Added 9. _Moïra_ by Ana Úré (version 1)', { location: '/books/9', etag: '"1"' }),
      );
    });

    it('pages through the catalogue, the week first', async () => {
      expect(await ask(url(wiring, '/books?limit=3'))).toEqual(
        text(
          200,
          '1. _Dead Souls_ by Nikolai Gogol (version 1)\n2. _The Little Drummer Girl_ by John le Carré (version 1)\n' +
            '3. _We Were Eight Years in Power_ by Ta-Nehisi Coates (version 1)\nnext page: /books?limit=3&cursor=3',
        ),
      );
      expect((await ask(url(wiring, '/books?limit=2&cursor=3'))).body.split('\n')[0]).toBe('4. _My Ántonia_ by Willa Cather (version 1)');
      expect(await ask(url(wiring, '/books?limit=0'))).toEqual(text(400, 'query parameter "limit" must be from 1 to 100, got "0"'));
      expect(await ask(url(wiring, '/books?cursor=x'))).toEqual(
        text(400, 'query parameter "cursor" must be a non-negative integer, got "x"'),
      );
    });

    it.each([
      ['no Authorization', {}, 'this write needs an Authorization header: Bearer <token>', 'Bearer realm="book-api"'],
      [
        'another scheme',
        { authorization: 'Basic Ym9vazpzZXJ2ZXI=' },
        'Authorization must be Bearer <token>',
        'Bearer realm="book-api", error="invalid_request"',
      ],
      [
        'a token wrong by one byte',
        bearer(`${SERVED_API_TOKEN.slice(0, -1)}X`),
        'the token is not the one this API takes',
        'Bearer realm="book-api", error="invalid_token"',
      ],
    ])('refuses a write with %s: 401, and how to authenticate', async (_case, headers, message, challenge) => {
      const refused = text(401, message, { 'www-authenticate': challenge });
      expect(await ask(url(wiring, '/books'), write('POST', jsonBody(PIRANESI), headers))).toEqual(refused);
      expect(await ask(url(wiring, '/books/1'), write('PUT', jsonBody(PIRANESI), { ...headers, 'if-match': '*' }))).toEqual(refused);
      expect(await ask(url(wiring, '/books/1'), write('DELETE', {}, headers))).toEqual(refused);
      expect((await ask(url(wiring, '/books/1'))).body).toBe('1. _Dead Souls_ by Nikolai Gogol (version 1)');
    });

    it.each([
      [
        'a body of another type',
        { body: 'Piranesi', headers: { 'content-type': 'text/plain' } },
        415,
        'the body must be application/json or application/x-www-form-urlencoded (UTF-8), not "text/plain"',
      ],
      ['a body past the limit', jsonBody({ title: 'x'.repeat(MAX_BODY), author: 'A' }), 413, `the body must be at most ${MAX_BODY} bytes`],
      ['invalid JSON', { body: '{"title":', headers: { 'content-type': 'application/json' } }, 400, 'the body is not valid JSON'],
      ['a missing field', jsonBody({ title: 'T' }), 400, 'author is missing'],
      ['an extra field', jsonBody({ ...PIRANESI, year: 2020 }), 400, '"year" is not a field of a book, which has a title and an author'],
      [
        'a field too long',
        jsonBody({ title: 'é'.repeat(MAX_FIELD + 1), author: 'A' }),
        400,
        `title must be at most ${MAX_FIELD} characters, got ${MAX_FIELD + 1}`,
      ],
      ['an empty field', jsonBody({ title: 'T', author: '  ' }), 400, 'author must not be empty'],
    ])('refuses %s with its reason, and stores nothing', async (_case, body, status, message) => {
      expect(await ask(url(wiring, '/books'), write('POST', body))).toEqual(text(status, message));
      expect((await ask(url(wiring, '/books?cursor=9'))).body).toBe('');
    });

    it('replaces a book only at the version If-Match names, and says which version is current', async () => {
      expect(await ask(url(wiring, '/books/2'), write('PUT', jsonBody(PIRANESI)))).toEqual(
        text(428, 'a write to a book needs If-Match with the ETag it replaces, or *'),
      );
      expect(await ask(url(wiring, '/books/2'), write('PUT', jsonBody(PIRANESI), { ...bearer(), 'if-match': '"7"' }))).toEqual(
        text(412, 'the book is at version 1, not the one If-Match names', { etag: '"1"' }),
      );
      expect(await ask(url(wiring, '/books/2'), write('PUT', jsonBody(PIRANESI), { ...bearer(), 'if-match': '"1"' }))).toEqual(
        text(200, 'Updated 2. _Piranesi_ by Susanna Clarke (version 2)', { etag: '"2"' }),
      );
      expect(await ask(url(wiring, '/books/2'), write('PUT', jsonBody(PIRANESI), { ...bearer(), 'if-match': 'v2' }))).toEqual(
        text(400, 'If-Match must be one ETag this API gave, such as "1", or *; got "v2"'),
      );
      expect(await ask(url(wiring, '/?weekday=1'))).toEqual(text(200, "Today's book is _Piranesi_ by Susanna Clarke"));
    });

    it('lets exactly one of two writers naming the same version win; the other gets 412', async () => {
      const update = (title: string) =>
        ask(url(wiring, '/books/3'), write('PUT', jsonBody({ title, author: 'Racer' }), { ...bearer(), 'if-match': '"1"' }));
      const answers = await Promise.all([update('One'), update('Other')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const won = answers.find((a) => a.status === 200)?.body.match(/_(One|Other)_/)?.[1];
      expect(await ask(url(wiring, '/books/3'))).toEqual(text(200, `3. _${won}_ by Racer (version 2)`, { etag: '"2"' }));
    });

    it('removes a book; its weekday has no book then, and its id is gone', async () => {
      expect(await ask(url(wiring, '/books/7'), write('DELETE', {}, { ...bearer(), 'if-match': '"2"' }))).toEqual(
        text(412, 'the book is at version 1, not the one If-Match names', { etag: '"1"' }),
      );
      expect(await ask(url(wiring, '/books/7'), write('DELETE', {}))).toEqual(text(200, 'Removed book 7'));
      expect(await ask(url(wiring, '/books/7'))).toEqual(text(404, 'no book 7'));
      expect(await ask(url(wiring, '/?weekday=6'))).toEqual(text(404, 'no book 7'));
      expect(await ask(url(wiring, '/books/7'), write('DELETE', {}))).toEqual(text(404, 'no book 7'));
    });

    it('answers an id that is not one with 400, and other methods with 405', async () => {
      expect(await ask(url(wiring, '/books/0x1'))).toEqual(text(400, 'a book\'s id is a whole number from 1, not "0x1"'));
      expect(await ask(url(wiring, '/books/1'), { method: 'PATCH' })).toEqual(
        text(405, 'PATCH is not allowed on /books/1; use GET, PUT, DELETE', { allow: 'GET, PUT, DELETE' }),
      );
    });

    it("passes the client's x-request-id on to book-api, makes one when there is none, and both sides log it", async () => {
      const id = `conformance-${wiring}`;
      const answer = await fetch(url(wiring, '/books/1'), { headers: { 'x-request-id': id } });
      expect(answer.headers.get('x-request-id')).toBe(id);
      expect((await fetch(url(wiring, '/books/1'))).headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
      expect(await ask(url(wiring, '/books/1'), { headers: { 'x-request-id': 'two words' } })).toEqual(
        text(400, 'x-request-id must be 1 to 128 visible ASCII characters, got "two words"'),
      );
      const logs = await componentLogs(apps.get(wiring) as ServedApp);
      expect(logs).toContain(`frontend ${id} GET /books/1 200`);
      expect(logs).toMatch(new RegExp(`^book-api ${id} (GET /api/books/1 200|catalog.get-book ok)$`, 'm'));
    });

    it('still renders the week for the days untouched', async () => {
      expect(await ask(url(wiring, '/?weekday=0'))).toEqual(text(200, sentence(0)));
    });
  });

  describe.runIf(build.wirings.includes('network'))("book-api's JSON, where a route reaches it (network)", () => {
    it('adds a book: 201 with its Location and ETag', async () => {
      const answer = await ask(url('network', '/api/books'), write('POST', jsonBody({ title: 'Kindred', author: 'Octavia E. Butler' })));
      expect(answer.status).toBe(201);
      expect(answer.headers).toMatchObject({ 'content-type': 'application/json', etag: '"1"' });
      expect(answer.headers.location).toMatch(/^\/api\/books\/\d+$/);
      const added = JSON.parse(answer.body) as { id: number };
      expect(added).toEqual({
        id: Number(answer.headers.location?.split('/').at(-1)),
        title: 'Kindred',
        author: 'Octavia E. Butler',
        version: 1,
      });
      expect(JSON.parse((await ask(url('network', `/api/books/${added.id}`))).body)).toEqual(added);
    });

    it('refuses as JSON: the shape of the body first, then the credentials, naming the field, with the challenge a client needs', async () => {
      expect(await ask(url('network', '/api/books'), write('POST', jsonBody({ title: 'T' }), {}))).toEqual({
        status: 400,
        body: JSON.stringify({ error: 'author is missing', field: 'author' }),
        headers: { 'content-type': 'application/json' },
      });
      expect(await ask(url('network', '/api/books'), write('POST', jsonBody(PIRANESI), {}))).toEqual({
        status: 401,
        body: JSON.stringify({ error: 'this write needs an Authorization header: Bearer <token>' }),
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="book-api"' },
      });
      expect(
        await ask(
          url('network', '/api/books'),
          write('POST', { body: 'x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        ),
      ).toEqual({
        status: 415,
        body: JSON.stringify({ error: 'the body must be application/json (UTF-8), not "application/x-www-form-urlencoded"' }),
        headers: { 'content-type': 'application/json' },
      });
    });

    it('removes a book with 204 and no body', async () => {
      expect(await ask(url('network', '/api/books/5'), write('DELETE', {}))).toEqual({ status: 204, body: '', headers: {} });
    });
  });
});

// Both runtimes run here, whichever the suite targets: what one writes, the other reads from the same state folder.
describe.skipIf(!spinAvailable())(
  `the books in one .spin folder, two runtimes${spinAvailable() ? '' : ' (skipped: no spin on PATH)'}`,
  () => {
    async function handOver(writer: RuntimeName): Promise<Answer> {
      const stateDir = await mkdtemp(join(tmpdir(), 'bookserver-handover-'));
      const reader: RuntimeName = writer === 'spin' ? 'local' : 'spin';
      try {
        const first = await serve({ runtime: writer, manifest: manifestOf('chain'), stateDir });
        try {
          const book = { title: `Written by ${writer}`, author: 'A' };
          expect((await ask(`${first.url}/books`, write('POST', jsonBody(book)))).status).toBe(201);
        } finally {
          await first.stop();
        }
        const second = await serve({ runtime: reader, manifest: manifestOf('chain'), stateDir });
        try {
          return await ask(`${second.url}/books/8`);
        } finally {
          await second.stop();
        }
      } finally {
        await rm(stateDir, { recursive: true, force: true });
      }
    }

    it('reads with the local runtime a book spin up wrote', async () => {
      expect(await handOver('spin')).toEqual(text(200, '8. _Written by spin_ by A (version 1)', { etag: '"1"' }));
    }, 240_000);

    it('reads with spin up a book the local runtime wrote', async () => {
      expect(await handOver('local')).toEqual(text(200, '8. _Written by local_ by A (version 1)', { etag: '"1"' }));
    }, 240_000);
  },
);
