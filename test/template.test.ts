// The Spin template (templates/wit-pair-ts/): rendered as `spin new` renders
// it, a new app with names of its own that builds with the npm tools, passes
// its own tests, and gives the same answers chained, composed by wac and
// composed by Spin. With `spin` on PATH, Spin installs and renders the
// template itself, and builds and serves what it made.
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../runtime/index.js';
import { ROOT } from '../scripts/lib/project.js';
import { serve, spinAvailable, type RuntimeName } from '../scripts/lib/serve.js';
import { loadTemplate, renderTemplate, resolveValues, SPIN_FILTERS, type BuiltIns } from '../scripts/lib/spin-template.js';
import { ensureTool, WAC } from '../scripts/lib/tools.js';
import { npmBin, run } from '../scripts/lib/run.js';
import { linkDevDependencies } from './support/template-app.js';

const ID = 'wit-pair-ts';
const BUILT_INS: BuiltIns = { 'project-name': 'reading-list', authors: 'Ada <ada@example.com>', username: 'ada' };
/** Names unlike the project's own, so that a name the template forgot to take shows. */
const VALUES = { 'api-name': 'catalog-api', 'frontend-name': 'web', 'wit-package': 'acme:library', 'http-path': '/books/...' };
const MANIFESTS = ['spin.toml', 'spin.composed.toml', 'spin.deps.toml'] as const;

/** What the page answers, three ways: the book of a weekday, a weekday out of range, one that is no number. */
async function answers(url: string): Promise<string[]> {
  const asked = ['/books/?weekday=3', '/books/today/?weekday=9', '/books/?weekday=monday'];
  return Promise.all(
    asked.map(async (path) => {
      const response = await fetch(url + path);
      return `${response.status} ${await response.text()}`;
    }),
  );
}

const EXPECTED = [
  "200 Today's book is _My Ántonia_ by Willa Cather",
  '400 weekday must be 0 (Sunday) to 6 (Saturday), got 9',
  '400 query parameter "weekday" must be a whole number, got "monday"',
];

async function answersOn(runtime: RuntimeName, manifest: string): Promise<string[]> {
  const app = await serve({ runtime, manifest });
  try {
    return await answers(app.url);
  } finally {
    await app.stop();
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

describe('the template', () => {
  it('pins the npm tools this project builds with, so that a new app builds as this one does', async () => {
    const template = await loadTemplate(ID);
    const app = JSON.parse(await readFile(join(template.dir, 'content', 'package.json'), 'utf8'));
    const project = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    for (const [name, version] of Object.entries(app.devDependencies)) expect(version, name).toBe(project.devDependencies[name]);
    for (const [name, version] of Object.entries(app.overrides)) expect(version, name).toBe(project.overrides[name]);
  });

  it('refuses a value its pattern does not allow, or a parameter it does not have, by name', async () => {
    const template = await loadTemplate(ID);
    expect(() => resolveValues(template, { 'api-name': 'Catalog API' })).toThrow('api-name "Catalog API" does not match');
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
      await expect(run(npmBin('tsx'), ['scripts/new.ts', 'my-pair', '--output', output])).resolves.toContain('(29 files)');
      expect(await readFile(join(output, 'spin.toml'), 'utf8')).toContain('name = "my-pair"');
      await expect(run(npmBin('tsx'), ['scripts/new.ts', 'my-pair', '--output', output])).rejects.toThrow(
        `${output} already exists and is not empty`,
      );
      await expect(run(npmBin('tsx'), ['scripts/new.ts', 'other', '--value', 'api-name'])).rejects.toThrow(
        '--value api-name is not parameter=value',
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
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

describe('a new app from the template, on the local runtime', () => {
  let app: string;
  beforeAll(async () => {
    app = await mkdtemp(join(tmpdir(), 'bookserver-template-'));
    const template = await loadTemplate(ID);
    await renderTemplate(template, app, resolveValues(template, VALUES), BUILT_INS);
    await linkDevDependencies(app);
    const wac = await ensureTool(WAC);
    const env = { ...process.env, PATH: `${dirname(wac)}:${process.env.PATH}` };
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

  it('passes its own tests (npm test)', async () => {
    await expect(run('npm', ['test'], { cwd: app })).resolves.toMatch(/^\W+ pass 3\n\W+ fail 0$/m);
  }, 60_000);

  it.each(MANIFESTS)(
    'serves the same answers from %s',
    async (manifest) => {
      expect(await answersOn('local', join(app, manifest))).toEqual(EXPECTED);
    },
    60_000,
  );
});

describe.skipIf(!spinAvailable())('a new app from the template, made and served by Spin', () => {
  let scratch: string;
  let app: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'bookserver-spin-new-'));
    // Spin keeps installed templates under its data folder: one of the test's own.
    env = { ...process.env, XDG_DATA_HOME: join(scratch, 'data'), PATH: `${dirname(await ensureTool(WAC))}:${process.env.PATH}` };
    await run('spin', ['templates', 'install', '--dir', ROOT], { env });
    const values = Object.entries(VALUES).flatMap(([name, value]) => ['--value', `${name}=${value}`]);
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
    await renderTemplate(template, ours, resolveValues(template, VALUES), { ...BUILT_INS, authors });
    expect(made).toEqual(await filesOf(ours));
    await rm(ours, { recursive: true, force: true });
  });

  it.each(MANIFESTS)(
    'builds with spin build and serves the same answers with spin up, from %s',
    async (manifest) => {
      await run('spin', ['build', '-f', manifest], { cwd: app, env });
      expect(await answersOn('spin', join(app, manifest))).toEqual(EXPECTED);
    },
    300_000,
  );
});
