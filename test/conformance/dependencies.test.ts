// Component dependencies (SIP 020, 023): a dependency composed into its
// component when the app loads inherits none of the component's
// configuration unless the manifest says so, and a manifest whose
// dependencies cannot be composed does not start. The dependency here is the
// catalog-caller fixture, whose every book says whether it could read the
// `probe_url` variable and what its request to that URL (or to a port nobody
// serves, when it cannot read it) came to.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/project.js';
import { sentence } from '../support/http.js';
import { serveApp, serveAppUntilExit } from './target.js';

const DEPS = join(ROOT, 'test', 'fixtures', 'manifests', 'deps');
/** What a guest gets from wasi:http/outgoing-handler when a deny adapter stands in for it (Spin's words). */
const DENIED_BY_ADAPTER = 'error internal-error ("wasi:http/outgoing-handler" is not permitted)';

describe('a dependency', () => {
  let upstream: Server;
  let upstreamOrigin = '';
  beforeAll(async () => {
    upstream = createServer((_request, response) => response.end('reached'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const address = upstream.address();
    upstreamOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => {
    upstream.close();
  });

  /** The title of the book the frontend renders when `manifest` runs with catalog-caller as its dependency. */
  async function titleUnder(manifest: string): Promise<string> {
    const app = await serveApp(join(DEPS, manifest), { env: { SPIN_VARIABLE_UPSTREAM: upstreamOrigin } });
    try {
      const body = await (await fetch(`${app.url}/?weekday=1`)).text();
      return body.replace(/^Today's book is _(.*)_ by catalog-caller$/, '$1');
    } finally {
      await app.stop();
    }
  }

  it('inherits nothing by default: no variables, and a deny adapter for outgoing HTTP', async () => {
    expect(await titleUnder('isolated.toml')).toBe(`no probe_url; ${DENIED_BY_ADAPTER}`);
  }, 120_000);

  it("inherits everything with dependencies_inherit_configuration: its component's variables and allowed_outbound_hosts", async () => {
    expect(await titleUnder('inherit-all.toml')).toBe('probe_url; status 200');
  }, 120_000);

  it('inherits only the variables when inherit_configuration names them', async () => {
    expect(await titleUnder('inherit-variables.toml')).toBe(`probe_url; ${DENIED_BY_ADAPTER}`);
  }, 120_000);

  it("inherits only allowed_outbound_hosts when inherit_configuration names it, and is held to its component's", async () => {
    expect(await titleUnder('inherit-outbound.toml')).toBe('no probe_url; error HTTP-request-denied');
  }, 120_000);
});

describe('a dependency named as a component of the app', () => {
  it('is composed like a file, and serves no route of its own', async () => {
    const app = await serveApp(join(DEPS, 'by-component.toml'));
    try {
      expect(await (await fetch(`${app.url}/?weekday=3`)).text()).toBe(sentence(3));
      expect((await fetch(`${app.url}/api?weekday=3`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  }, 120_000);
});

describe('dependencies that cannot be composed', () => {
  it.each([
    ['a dependency file that does not exist', 'missing-file.toml'],
    ['an import that no dependency satisfies', 'unsatisfied.toml'],
    ['two dependencies for one import', 'conflict.toml'],
    ['a dependency that matches no import', 'unmatched.toml'],
    ['dependencies_inherit_configuration beside a per-dependency inherit_configuration', 'both-inherit-settings.toml'],
    ['a component used as a dependency with permissions of its own', 'dependency-with-permissions.toml'],
  ])(
    'stop the app: %s',
    async (_case, file) => {
      const { code } = await serveAppUntilExit(join(DEPS, file));
      expect(code).not.toBe(0);
    },
    120_000,
  );
});
