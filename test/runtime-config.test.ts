// The runtime's reading of a manifest, without running anything: routes,
// outbound permissions, variables and the errors that stop an app.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveApp } from '../runtime/manifest/app.js';
import { parseManifest } from '../runtime/manifest/parse.js';
import { parseDotenv } from '../runtime/manifest/dotenv.js';
import { resolveApplicationVariables } from '../runtime/manifest/variables.js';
import { allowsChaining, allowsUrl, chainingTarget, parseAllowedHost } from '../runtime/outbound/allowed-hosts.js';
import { Router } from '../runtime/routes/router.js';
import { spinHeaders } from '../runtime/trigger-http/headers.js';
import { parseRequestTarget, requestAuthority } from '../runtime/trigger-http/request-target.js';

describe('routes', () => {
  const router = new Router([
    { component: 'shop', route: '/...' },
    { component: 'users', route: '/users/...' },
    { component: 'admin', route: '/users/admin' },
    { component: 'profile', route: '/users/:id/profile' },
    { component: 'home', route: '/' },
    { component: 'api', route: '/api/...' },
  ]);
  const routed = (path: string): string | undefined => router.match(path)?.component;

  it('prefers exact routes, then the longest literal prefix, then parameters over wildcards', () => {
    expect(routed('/')).toBe('home');
    expect(routed('/users/admin')).toBe('admin');
    expect(routed('/users/7/profile')).toBe('profile');
    expect(routed('/users/7')).toBe('users');
    expect(routed('/users')).toBe('users');
    expect(routed('/cart')).toBe('shop');
  });

  it('matches a trailing wildcard with and without the rest of the path', () => {
    expect(router.match('/api')).toMatchObject({ component: 'api', pathInfo: '' });
    expect(router.match('/api/')).toMatchObject({ component: 'api', pathInfo: '/' });
    expect(router.match('/api/books/7')).toMatchObject({ component: 'api', pathInfo: '/books/7' });
  });

  it('matches exact routes exactly', () => {
    const exact = new Router([{ component: 'cart', route: '/cart' }]);
    expect(exact.match('/cart')?.component).toBe('cart');
    expect(exact.match('/cart/checkout')).toBeUndefined();
    expect(exact.match('/')).toBeUndefined();
  });

  it('captures :name segments', () => {
    expect(router.match('/users/alice/profile')?.params).toEqual({ id: 'alice' });
  });

  it('keeps the last of two identical routes and says so', () => {
    const twice = new Router([
      { component: 'a', route: '/x' },
      { component: 'b', route: '/x' },
    ]);
    expect(twice.match('/x')?.component).toBe('b');
    expect(twice.duplicates).toEqual([{ route: '/x', ignored: 'a', effective: 'b' }]);
  });

  it('sets the spin-* headers as Spin documents them', () => {
    const match = new Router([{ component: 'cart', route: '/users/:userid/cart/...' }]).match('/users/1/cart/items/3/edit');
    if (!match) throw new Error('the route should match');
    const headers = Object.fromEntries(
      spinHeaders(match, {
        scheme: 'https',
        host: 'example.com:8080',
        pathWithQuery: '/users/1/cart/items/3/edit?theme=pink',
        clientAddr: '127.0.0.1:53152',
      }),
    );
    expect(headers).toEqual({
      'spin-full-url': 'https://example.com:8080/users/1/cart/items/3/edit?theme=pink',
      'spin-path-info': '/items/3/edit',
      'spin-path-match-userid': '1',
      'spin-matched-route': '/users/:userid/cart/...',
      'spin-raw-component-route': '/users/:userid/cart/...',
      'spin-component-route': '/users/:userid/cart',
      'spin-base-path': '/',
      'spin-client-addr': '127.0.0.1:53152',
    });
  });
});

describe('the request target and its authority', () => {
  it('takes the path of an absolute-form target and its authority', () => {
    expect(parseRequestTarget('http://Example.test:8080/a/b?c=1')).toEqual({ authority: 'Example.test:8080', pathWithQuery: '/a/b?c=1' });
    expect(parseRequestTarget('http://example.test')).toEqual({ authority: 'example.test', pathWithQuery: '/' });
    expect(parseRequestTarget('/a?b')).toEqual({ pathWithQuery: '/a?b' });
    expect(parseRequestTarget('*')).toEqual({ pathWithQuery: '*' });
  });

  it('routes * nowhere', () => {
    expect(new Router([{ component: 'home', route: '/...' }]).match('*')).toBeUndefined();
  });

  it('accepts a host name, IPv4 or bracketed IPv6, with or without a port', () => {
    for (const host of ['example.test', 'example.test:3000', '127.0.0.1:3000', '[::1]:3000', 'x:99999']) {
      expect(requestAuthority([host], { pathWithQuery: '/' })).toEqual({ ok: true, authority: host });
    }
  });

  it('prefers the authority of an absolute-form target, which must agree with Host', () => {
    expect(requestAuthority(['EXAMPLE.test'], parseRequestTarget('http://example.test/'))).toEqual({ ok: true, authority: 'example.test' });
    expect(requestAuthority(['other.test'], parseRequestTarget('http://example.test/'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not match'),
    });
  });

  it.each([
    ['no Host', [], 'the request has no Host header'],
    ['two Hosts', ['a.test', 'b.test'], 'the request has more than one Host header'],
    ['a space', ['a b'], 'the Host header "a b" is not a valid authority'],
    ['a path', ['x/bench?calls=100'], 'the Host header "x/bench?calls=100" is not a valid authority'],
    [
      'a spin.internal component',
      ['book-api.spin.internal'],
      'the Host header "book-api.spin.internal" names a spin.internal component: only service chaining reaches those',
    ],
  ])('refuses %s, saying why', (_case, hosts, reason) => {
    expect(requestAuthority(hosts, { pathWithQuery: '/' })).toEqual({ ok: false, reason });
  });

  it('serves an absolute-form target whose Host named a spin.internal component, by the target', () => {
    expect(requestAuthority(['book-api.spin.internal'], parseRequestTarget('http://example.test/'))).toEqual({
      ok: true,
      authority: 'example.test',
    });
  });
});

describe('allowed_outbound_hosts', () => {
  const allows = (entries: string[], url: string): boolean => allowsUrl(entries.map(parseAllowedHost), new URL(url));

  it('matches scheme, host and port, with the default port when none is written', () => {
    expect(allows(['http://127.0.0.1:3000'], 'http://127.0.0.1:3000/api')).toBe(true);
    expect(allows(['http://127.0.0.1:3000'], 'http://127.0.0.1:3001/api')).toBe(false);
    expect(allows(['http://127.0.0.1:3000'], 'https://127.0.0.1:3000/api')).toBe(false);
    expect(allows(['https://example.com'], 'https://example.com/x')).toBe(true);
    expect(allows(['https://example.com'], 'https://example.com:8443/x')).toBe(false);
  });

  it('understands wildcards, port ranges and IPv4 CIDR ranges', () => {
    expect(allows(['*://example.com:4567'], 'http://example.com:4567')).toBe(true);
    expect(allows(['https://*.example.com'], 'https://api.example.com')).toBe(true);
    expect(allows(['https://*.example.com'], 'https://example.com')).toBe(false);
    expect(allows(['http://127.0.0.1:*'], 'http://127.0.0.1:9')).toBe(true);
    expect(allows(['http://localhost:8000..8080'], 'http://localhost:8079')).toBe(true);
    expect(allows(['http://localhost:8000..8080'], 'http://localhost:8080')).toBe(false);
    expect(allows(['http://192.168.1.0/24'], 'http://192.168.1.77')).toBe(true);
    expect(allows(['http://192.168.1.0/24'], 'http://192.168.2.1')).toBe(false);
    expect(allows(['*://*:*'], 'https://anything.test:1234')).toBe(true);
  });

  it('grants service chaining only to named spin.internal hosts or *.spin.internal', () => {
    const chains = (entries: string[], target: string): boolean => allowsChaining(entries.map(parseAllowedHost), target);
    expect(chains(['http://book-api.spin.internal'], 'book-api')).toBe(true);
    expect(chains(['https://*.spin.internal'], 'book-api')).toBe(true);
    expect(chains(['http://other.spin.internal'], 'book-api')).toBe(false);
    expect(chains(['*://*:*'], 'book-api')).toBe(false);
    expect(chains(['http://self'], 'book-api')).toBe(false);
    expect(chainingTarget('book-api.spin.internal')).toBe('book-api');
    expect(chainingTarget('book-api.spin.internal:80')).toBe('book-api');
    expect(chainingTarget('example.com')).toBeUndefined();
  });

  it.each([
    ['example.com', /has no scheme/],
    ['http://*example.com', /wildcards are allowed only as the first label/],
    ['foo://example.com', /no port is given and the scheme "foo" has no default port/],
    ['http://example.com:http', /port "http" is not a port number/],
  ])('rejects %s with the reason', (entry, reason) => {
    expect(() => parseAllowedHost(entry)).toThrow(reason);
  });
});

describe('variables', () => {
  const manifest = parseManifest(
    'vars.toml',
    `spin_manifest_version = 2
[application]
name = "vars"
[variables]
api_url = { default = "http://127.0.0.1:3000/api" }
token = { required = true, secret = true }
[[trigger.http]]
route = "/"
component = "a"
[component.a]
source = "a.wasm"
`,
  );

  it('takes defaults, and the environment over them', () => {
    const resolved = resolveApplicationVariables(manifest, { SPIN_VARIABLE_TOKEN: 's3cret' });
    expect(resolved).toEqual({
      values: new Map([
        ['api_url', 'http://127.0.0.1:3000/api'],
        ['token', 's3cret'],
      ]),
      errors: [],
    });
    expect(
      resolveApplicationVariables(manifest, { SPIN_VARIABLE_TOKEN: 'x', SPIN_VARIABLE_API_URL: 'http://h/api' }).values.get('api_url'),
    ).toBe('http://h/api');
  });

  it('names a required variable without a value and how to set it', () => {
    expect(resolveApplicationVariables(manifest, {}).errors).toEqual([
      'variables.token is required but has no value; set it with SPIN_VARIABLE_TOKEN=... in the environment or in .env',
    ]);
  });
});

describe('an app that cannot start', () => {
  async function appIn(manifest: string, files: string[] = []): Promise<() => unknown> {
    const dir = await mkdtemp(join(tmpdir(), 'app-'));
    for (const file of files) await writeFile(join(dir, file), '');
    const path = join(dir, 'spin.toml');
    await writeFile(path, manifest);
    return () => resolveApp(path, parseManifest(path, manifest), { env: {} });
  }
  const head = 'spin_manifest_version = 2\n[application]\nname = "x"\n';

  it('names a trigger whose component does not exist', async () => {
    const start = await appIn(`${head}[[trigger.http]]\nroute = "/"\ncomponent = "frontnd"\n[component.frontend]\nsource = "f.wasm"\n`, [
      'f.wasm',
    ]);
    expect(start).toThrow(/trigger\.http\[0\]\.component: "frontnd" is not a component of this app \(its components: frontend\)/);
  });

  it('names a missing Wasm file and the command that builds it', async () => {
    const start = await appIn(
      `${head}[[trigger.http]]\nroute = "/"\ncomponent = "a"\n[component.a]\nsource = "build/a.wasm"\n[component.a.build]\ncommand = "npm run build -- a"\n`,
    );
    expect(start).toThrow(/component\.a\.source: .*build\/a\.wasm does not exist; build it with "npm run build -- a"/);
  });

  it('names a template that refers to no variable and a malformed outbound host', async () => {
    const start = await appIn(
      `${head}[[trigger.http]]
route = "/"
component = "a"
[component.a]
source = "a.wasm"
allowed_outbound_hosts = ["example.com"]
[component.a.variables]
url = "{{ nope }}"
`,
      ['a.wasm'],
    );
    expect(start).toThrow(/component\.a\.allowed_outbound_hosts\[0\]: "example\.com" has no scheme/);
    expect(start).toThrow(/component\.a\.variables\.url: "\{\{ nope \}\}" refers to no application variable/);
  });

  it('resolves a good one: components, variables, private routes', async () => {
    const app = (
      await appIn(
        `${head}[variables]
url = { default = "http://api.spin.internal/x" }
[[trigger.http]]
route = { private = true }
component = "api"
[[trigger.http]]
route = "/"
component = "web"
[component.api]
source = "api.wasm"
[component.web]
source = "web.wasm"
allowed_outbound_hosts = ["http://api.spin.internal"]
[component.web.variables]
book_url = "{{ url }}"
`,
        ['api.wasm', 'web.wasm'],
      )
    )() as ReturnType<typeof resolveApp>;
    expect([...app.components.keys()]).toEqual(['api', 'web']);
    expect(app.privateComponents).toEqual(['api']);
    expect(app.components.get('web')?.variables.get('book_url')).toBe('http://api.spin.internal/x');
    expect(app.router.match('/')?.component).toBe('web');
    expect(app.router.match('/x')).toBeUndefined();
  });
});

describe('.env', () => {
  it('sets variables as Spin reads the file: comments, export, quotes, the environment first', () => {
    const values = parseDotenv(
      [
        '# a comment',
        'SPIN_VARIABLE_API_TOKEN=abc # trailing',
        'export SPIN_VARIABLE_GREETING="hello\\nworld"',
        "SPIN_VARIABLE_RAW='a \\n b'",
        '',
        'SPIN_VARIABLE_EMPTY=',
      ].join('\n'),
      '.env',
    );
    expect(Object.fromEntries(values)).toEqual({
      SPIN_VARIABLE_API_TOKEN: 'abc',
      SPIN_VARIABLE_GREETING: 'hello\nworld',
      SPIN_VARIABLE_RAW: 'a \\n b',
      SPIN_VARIABLE_EMPTY: '',
    });
  });

  it('names the file and the line it cannot read', () => {
    expect(() => parseDotenv('A=1\nnot a line\n', '/app/.env')).toThrow('/app/.env:2: not NAME=value');
    expect(() => parseDotenv('A="open', '/app/.env')).toThrow('/app/.env:1: a value opened with " is not closed');
  });
});
