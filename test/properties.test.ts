// Arbitrary input to the parts that read what users and clients write: the
// manifest loader, the route matcher, the allowed-hosts parser and the
// request target. Each gives a result or an error that says what is wrong,
// never a crash.
import fc from 'fast-check';
import { stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { ManifestError, StartupError } from '../runtime/errors.js';
import { resolveApp } from '../runtime/manifest/app.js';
import { componentIdProblem } from '../runtime/manifest/component-id.js';
import { parseManifest } from '../runtime/manifest/parse.js';
import { parseAllowedHost } from '../runtime/outbound/allowed-hosts.js';
import { Router } from '../runtime/routes/router.js';
import { parseRequestTarget, requestAuthority } from '../runtime/trigger-http/request-target.js';

const RUNS = { numRuns: 300 };

/** Runs `read`; an exception must be one of `expected`, and is returned. */
function outcome<T>(read: () => T, ...expected: (new (...args: never[]) => Error)[]): T | Error {
  try {
    return read();
  } catch (error) {
    if (!expected.some((kind) => error instanceof kind)) throw error;
    return error as Error;
  }
}

/** Pieces a manifest is made of, recombined at random. */
const word = fc.constantFrom('a', 'api', 'web', 'Bad_ID', 'x.y', '', 'book-api', 'UP-1');
const host = fc.constantFrom(
  'http://a.test',
  '*://*:*',
  'http://*.spin.internal',
  'http://api.spin.internal',
  'http://x:5..2',
  'exa mple',
  'http://',
  '{{ v }}',
  'https://[::1]:8',
);
const route = fc.oneof(
  fc.constantFrom('/', '/...', '/api/...', '/:id', '/.well-known/spin/x', 'no-slash'),
  fc.constant({ private: true }),
  fc.string(),
);
const manifest = fc.record({
  spin_manifest_version: fc.constantFrom(2, 1, '2'),
  application: fc.record({ name: fc.constantFrom('app', '') }),
  variables: fc.dictionary(
    fc.constantFrom('v', 'api_url', 'Bad'),
    fc.oneof(fc.record({ default: fc.string() }), fc.record({ required: fc.boolean() })),
  ),
  trigger: fc.record({ http: fc.array(fc.record({ route, component: word }), { maxLength: 4 }) }),
  component: fc.dictionary(
    word,
    fc.record({
      source: fc.constantFrom('a.wasm', 'b.wasm'),
      allowed_outbound_hosts: fc.array(host, { maxLength: 3 }),
      variables: fc.dictionary(fc.constantFrom('x', 'url'), fc.constantFrom('{{ v }}', '{{ nope }}', 'plain')),
    }),
  ),
});

describe('the manifest loader', () => {
  it('reads any text as a manifest or says why not', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        outcome(() => parseManifest('spin.toml', text), ManifestError);
      }),
      RUNS,
    );
  });

  it('resolves any manifest built from plausible pieces, or says what stops it', () => {
    fc.assert(
      fc.property(manifest, (document) => {
        const result = outcome(() => {
          const parsed = parseManifest('spin.toml', stringify(document));
          return resolveApp('/app/spin.toml', parsed, { env: {}, requireSources: false });
        }, StartupError);
        if (result instanceof Error) expect(result.message).toMatch(/^spin\.toml|^\/app\/spin\.toml/);
        else expect([...result.components.keys()].every((id) => componentIdProblem(id) === undefined)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('the route matcher', () => {
  it('matches any path against any routes without failing, and only to a component it was given', () => {
    const routes = fc.array(fc.record({ component: fc.constantFrom('a', 'b', 'c'), route: fc.string({ maxLength: 20 }) }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(routes, fc.string({ maxLength: 30 }), (triggers, path) => {
        const match = new Router(triggers).match(path);
        if (match) {
          expect(triggers.map((t) => t.component)).toContain(match.component);
          expect(path.endsWith(match.pathInfo)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('the allowed_outbound_hosts parser', () => {
  it('parses any entry or names it in its error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 30 }),
          host,
          fc.string().map((s) => `http://${s}`),
        ),
        (entry) => {
          const result = outcome(() => parseAllowedHost(entry), Error);
          if (result instanceof Error) expect(result.message.startsWith(`"${entry}"`)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('component ids', () => {
  it('are accepted exactly when they are kebab-case words, each all lower or all upper case', () => {
    const kebab = /^(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(?:-(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*$/;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[a-zA-Z0-9_.-]{0,12}$/)), (id) => {
        expect(componentIdProblem(id) === undefined).toBe(kebab.test(id));
      }),
      RUNS,
    );
  });
});

describe('request targets', () => {
  it('give a path and an authority, or a reason, for any target and Host headers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }), (target, hosts) => {
        const parsed = parseRequestTarget(target);
        const authority = requestAuthority(hosts, parsed);
        if (authority.ok) expect(typeof authority.authority).toBe('string');
        else expect(authority.reason).not.toBe('');
      }),
      RUNS,
    );
  });
});
