// The Spin template (templates/wit-pair-ts/): rendered as `spin new` renders
// it, on each engine and WASI version it offers, a new app with names of its own that builds
// with the npm tools (and wac), passes its own tests, and serves its REST API
// over Spin's key-value store, with its bearer token, alike chained, composed
// by wac and composed by Spin. With `spin` on PATH, Spin installs and renders
// the template itself, and builds and serves what it made.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../runtime/index.js';
import { ROOT } from '../scripts/lib/project.js';
import { serve, spinAvailable, type RuntimeName } from '../scripts/lib/serve.js';
import { loadTemplate, renderTemplate, resolveValues, SPIN_FILTERS, type BuiltIns } from '../scripts/lib/spin-template.js';
import { ensureTool, WAC } from '../scripts/lib/tools.js';
import { builtInterfaces } from '../scripts/lib/wit.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { EXERCISED, engineOf, exercise, linkDevDependencies, loggedBy, TRACE } from './support/template-app.js';

const ID = 'wit-pair-ts';
const BUILT_INS: BuiltIns = { 'project-name': 'reading-list', authors: 'Ada <ada@example.com>', username: 'ada' };
/** Names unlike the project's own, so that a name the template forgot to take shows. */
const VALUES = { 'api-name': 'catalog-api', 'frontend-name': 'web', 'wit-package': 'acme:library', 'http-path': '/books/...' };
/** Each engine on WASI 0.2, and QuickJS on WASI 0.3, the one engine that builds it. */
const BUILDS = [
  { engine: 'starlingmonkey', wasi: '0.2' },
  { engine: 'quickjs', wasi: '0.2' },
  { engine: 'quickjs', wasi: '0.3' },
] as const;
const MANIFESTS = ['spin.toml', 'spin.composed.toml', 'spin.deps.toml'] as const;
/** What the renderer writes: a file gone or added shows here. */
const FILES = 64;

/**
 * `manifest` served on `runtime` with a fresh store, asked what a client
 * asks; with the components that logged the traced write, read once the app
 * has stopped, when every log is written out.
 */
async function exercisedOn(runtime: RuntimeName, manifest: string): Promise<{ answers: string[]; logged: string[] }> {
  const stateDir = await mkdtemp(join(tmpdir(), 'bookserver-template-state-'));
  try {
    const app = await serve({ runtime, manifest, stateDir });
    let answers: string[];
    try {
      answers = await exercise(app.url);
    } finally {
      await app.stop();
    }
    return { answers, logged: await loggedBy(stateDir, TRACE) };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Every file under `dir`, relative to it, with its text; node_modules and what a build made left out. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter(
    (e) => e.isFile() && !/(^|\/)(node_modules|dist|generated|\.spin|\.git)(\/|$)/.test(join(e.parentPath, e.name).slice(dir.length)),
  );
  const texts = await Promise.all(files.map((e) => readFile(join(e.parentPath, e.name), 'utf8')));
  return Object.fromEntries(files.map((e, i) => [join(e.parentPath, e.name).slice(dir.length + 1), texts[i]]));
}

/** PATH with wac on it: the QuickJS builds and `npm run compose` call it. */
async function withWac(): Promise<NodeJS.ProcessEnv> {
  return { ...process.env, PATH: `${dirname(await ensureTool(WAC))}:${process.env.PATH}` };
}

describe('the template', () => {
  it('pins the npm tools this project builds with, so that a new app builds as this one does', async () => {
    const template = await loadTemplate(ID);
    const app = JSON.parse(await readFile(join(template.dir, 'content', 'package.json'), 'utf8'));
    const project = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    const pinned = { ...project.dependencies, ...project.devDependencies };
    for (const [name, version] of Object.entries(app.devDependencies)) expect(version, name).toBe(pinned[name]);
    for (const [name, version] of Object.entries(app.overrides)) expect(version, name).toBe(project.overrides[name]);
  });

  it('refuses a value its pattern or its allowed values do not allow, or a parameter it does not have, by name', async () => {
    const template = await loadTemplate(ID);
    expect(() => resolveValues(template, { 'api-name': 'Catalog API' })).toThrow('api-name "Catalog API" does not match');
    expect(() => resolveValues(template, { engine: 'v8' })).toThrow(
      'engine "v8" is not one of the allowed values (starlingmonkey, quickjs) of template wit-pair-ts',
    );
    expect(() => resolveValues(template, { wasi: '0.1' })).toThrow(
      'wasi "0.1" is not one of the allowed values (0.2, 0.3) of template wit-pair-ts',
    );
    expect(() => resolveValues(template, { 'http-route': '/' })).toThrow('template wit-pair-ts has no parameter http-route');
    await expect(loadTemplate('http-ts')).rejects.toThrow('there is no template "http-ts"');
    const render = renderTemplate(template, join(tmpdir(), 'never-written'), resolveValues(template, {}), {
      ...BUILT_INS,
      'project-name': 'Reading List',
    });
    await expect(render).rejects.toThrow('the app\'s name "Reading List" must be kebab-cased');
  });

  it('is rendered by npm run new, which refuses a folder that already holds something', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'bookserver-new-'));
    const output = join(scratch, 'my-pair');
    try {
      await expect(run(npmBin('tsx'), ['scripts/new.ts', 'my-pair', '--output', output])).resolves.toContain(`(${FILES} files)`);
      expect(await readFile(join(output, 'spin.toml'), 'utf8')).toContain('name = "my-pair"');
      await expect(run(npmBin('tsx'), ['scripts/new.ts', 'my-pair', '--output', output])).rejects.toThrow(
        `${output} already exists and is not empty`,
      );
      await expect(run(npmBin('tsx'), ['scripts/new.ts', 'other', '--value', 'api-name'])).rejects.toThrow(
        '--value api-name is not parameter=value',
      );
      await expect(
        run(npmBin('tsx'), ['scripts/new.ts', 'other', '--output', join(scratch, 'other'), '--value', 'wasi=0.3']),
      ).rejects.toThrow('wasi 0.3 needs engine quickjs, not starlingmonkey');
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("keeps the project's WASI 0.3 face and its QuickJS stream and future handles, byte for byte", async () => {
    const template = await loadTemplate(ID);
    for (const file of ['wasi-http-p3.ts', 'quickjs-wit.d.ts', 'quickjs-handles.ts']) {
      expect(await readFile(join(template.dir, 'content', 'shared', file), 'utf8'), file).toBe(
        await readFile(join(ROOT, 'components', 'shared', file), 'utf8'),
      );
    }
  });

  it('made by spin new on StarlingMonkey for WASI 0.3, refuses to build, saying why', async () => {
    const app = await mkdtemp(join(tmpdir(), 'bookserver-template-starlingmonkey-0.3-'));
    try {
      const template = await loadTemplate(ID);
      await renderTemplate(template, app, resolveValues(template, { engine: 'starlingmonkey', wasi: '0.3' }), BUILT_INS);
      for (const script of ['build:api', 'build:frontend-wit'])
        await expect(run('npm', ['run', script], { cwd: app }), script).rejects.toThrow(
          'This app was made with engine starlingmonkey and wasi 0.3, which componentize-js 0.23 cannot build',
        );
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });

  it("cases names as Spin's filters do", () => {
    expect(SPIN_FILTERS.kebab_case('Reading List')).toBe('reading-list');
    expect(SPIN_FILTERS.kebab_case('reading-list')).toBe('reading-list');
    expect(SPIN_FILTERS.snake_case('readingList')).toBe('reading_list');
    expect(SPIN_FILTERS.pascal_case('reading-list')).toBe('ReadingList');
    expect(SPIN_FILTERS.kebab_case('HTTPServer')).toBe('http-server');
    expect(SPIN_FILTERS.http_wildcard('/books')).toBe('/books/...');
  });
});

describe.each(BUILDS)('a new app on $engine for WASI $wasi, on the local runtime', ({ engine, wasi }) => {
  let app: string;
  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), `bookserver-template-${engine}-${wasi}-`));
    const template = await loadTemplate(ID);
    await renderTemplate(template, app, resolveValues(template, { ...VALUES, engine, wasi }), BUILT_INS);
    await linkDevDependencies(app);
    const env = await withWac();
    for (const script of ['build', 'compose']) await run('npm', ['run', script], { cwd: app, env });
  }, 300_000);
  afterAll(async () => {
    await rm(app, { recursive: true, force: true });
  });

  it("takes the user's names: the app, its components, its WIT package, its route", async () => {
    const chain = await loadManifest(join(app, 'spin.toml'));
    expect(chain.application.name).toBe('reading-list');
    expect(Object.keys(chain.component ?? {})).toEqual(['catalog-api', 'web']);
    expect(chain.trigger.http?.map((trigger) => trigger.route)).toEqual([{ private: true }, '/books/...']);
    expect(chain.component?.web.allowed_outbound_hosts).toEqual(['http://catalog-api.spin.internal']);
    expect(await readFile(join(app, 'wit', 'world.wit'), 'utf8')).toMatch(/^package acme:library@0\.1\.0;/m);
    expect(Object.keys((await loadManifest(join(app, 'spin.deps.toml'))).component?.web.dependencies ?? {})).toEqual([
      'acme:library/catalog@0.1.0',
    ]);
  });

  it('grants the store and the token, in every manifest, to whatever holds the API', async () => {
    const granted = await Promise.all(
      MANIFESTS.map(async (manifest) => {
        const { variables, component = {} } = await loadManifest(join(app, manifest));
        const holder = component['catalog-api'] ?? component.web;
        return {
          variables,
          stores: holder.key_value_stores,
          token: holder.variables?.api_token,
          inherits: Object.values(holder.dependencies ?? {}).map(
            (dependency) => (dependency as { inherit_configuration?: unknown }).inherit_configuration,
          ),
        };
      }),
    );
    const token = { variables: { api_token: { required: true, secret: true } }, stores: ['default'], token: '{{ api_token }}' };
    expect(granted).toEqual([
      { ...token, inherits: [] },
      { ...token, inherits: [] },
      { ...token, inherits: [['key_value_stores', 'variables']] },
    ]);
  });

  it(`builds the API and the composed frontend on ${engine} for WASI ${wasi}, the chained frontend on StarlingMonkey for WASI 0.2`, async () => {
    const dist = join(app, 'dist');
    const built = Object.fromEntries(
      await Promise.all(
        ['catalog-api', 'web-wit', 'web-composed', 'web-http'].map(async (name) => [name, await engineOf(join(dist, `${name}.wasm`))]),
      ),
    );
    expect(built).toEqual({ 'catalog-api': engine, 'web-wit': engine, 'web-composed': engine, 'web-http': 'starlingmonkey' });
    // On QuickJS for WASI 0.2, the http-face adapter serves HTTP: the API exports what it exports on StarlingMonkey.
    const api = await builtInterfaces(join(dist, 'catalog-api.wasm'));
    const handler = wasi === '0.3' ? 'wasi:http/handler@0.3.0' : 'wasi:http/incoming-handler@0.2.10';
    expect(api.exports).toEqual(['acme:library/catalog@0.1.0', handler]);
    expect((await builtInterfaces(join(dist, 'web-composed.wasm'))).exports).toEqual([handler]);
    expect((await builtInterfaces(join(dist, 'web-http.wasm'))).exports).toEqual(['wasi:http/incoming-handler@0.2.10']);
    expect(api.imports).toEqual(expect.arrayContaining(['wasi:keyvalue/store@0.2.0-draft2', 'wasi:config/store@0.2.0-draft-2024-09-27']));
    expect(api.imports.filter((name) => name.startsWith('wasi:http/outgoing-handler'))).toEqual([]);
  });

  it('passes its own tests (npm test)', async () => {
    await expect(run('npm', ['test'], { cwd: app })).resolves.toMatch(/^\W+ pass 11\n\W+ fail 0$/m);
  }, 60_000);

  it.each(MANIFESTS)(
    'serves its API from %s: a write with the token stored and read back, one without refused, the page; the request id logged by both',
    async (manifest) => {
      expect(await exercisedOn('local', join(app, manifest))).toEqual({ answers: EXERCISED, logged: ['catalog-api', 'web'] });
    },
    60_000,
  );
});

describe.skipIf(!spinAvailable()).each(BUILDS)('a new app on $engine for WASI $wasi, made and served by Spin', ({ engine, wasi }) => {
  let scratch: string;
  let app: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), `bookserver-spin-new-${engine}-${wasi}-`));
    // Spin keeps installed templates under its data folder: one of the test's own.
    env = { ...(await withWac()), XDG_DATA_HOME: join(scratch, 'data') };
    await run('spin', ['templates', 'install', '--dir', ROOT], { env });
    const values = Object.entries({ ...VALUES, engine, wasi }).flatMap(([name, value]) => ['--value', `${name}=${value}`]);
    await run('spin', ['new', '-t', ID, BUILT_INS['project-name'], '--accept-defaults', ...values], { cwd: scratch, env });
    app = join(scratch, 'reading-list');
    await linkDevDependencies(app);
  }, 120_000);
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('renders what this project renders (the authors are whoever git says)', async () => {
    const made = await filesOf(app);
    const { application } = parse(await readFile(join(app, 'spin.toml'), 'utf8')) as { application: { authors: string[] } };
    const [authors] = application.authors;
    const ours = await mkdtemp(join(tmpdir(), 'bookserver-render-'));
    const template = await loadTemplate(ID);
    await renderTemplate(template, ours, resolveValues(template, { ...VALUES, engine, wasi }), { ...BUILT_INS, authors });
    expect(made).toEqual(await filesOf(ours));
    await rm(ours, { recursive: true, force: true });
  });

  it.each(MANIFESTS)(
    'builds with spin build and serves its API with spin up from %s, as on the local runtime',
    async (manifest) => {
      await run('spin', ['build', '-f', manifest], { cwd: app, env });
      expect(await exercisedOn('spin', join(app, manifest))).toEqual({ answers: EXERCISED, logged: ['catalog-api', 'web'] });
    },
    300_000,
  );
});
