// A new app from the template: made ready to build without a registry (its
// devDependencies linked from this project's node_modules, at the same
// versions, as test/template.test.ts checks, and their commands in
// node_modules/.bin as npm would put them there), asked what a client asks
// of it, and read for what it built and what it logged.
import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { metadataShow } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ROOT, SERVED_API_TOKEN } from '../../scripts/lib/project.js';

type PackageJson = { devDependencies?: Record<string, string>; bin?: string | Record<string, string> };

const readPackage = async (dir: string): Promise<PackageJson> => JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));

export async function linkDevDependencies(app: string): Promise<void> {
  const bin = join(app, 'node_modules', '.bin');
  await mkdir(bin, { recursive: true });
  for (const name of Object.keys((await readPackage(app)).devDependencies ?? {})) {
    const installed = join(ROOT, 'node_modules', name);
    await mkdir(join(app, 'node_modules', name, '..'), { recursive: true });
    await symlink(installed, join(app, 'node_modules', name));
    const commands = (await readPackage(installed)).bin ?? {};
    const named = typeof commands === 'string' ? { [name.split('/').pop() ?? name]: commands } : commands;
    for (const [command, file] of Object.entries(named)) await symlink(join(installed, file), join(bin, command));
  }
}

/** The request id the write carries, to be found in both components' logs. */
export const TRACE = 'template-trace-1';

/**
 * What a client does with a fresh app at `url` (its frontend routed at
 * /books/...), one request after another, each answer as a line: the page,
 * a write without the token and with it, the book read back alone and on the
 * page, and a body past the limit.
 */
export async function exercise(url: string): Promise<string[]> {
  const json = { 'content-type': 'application/json' };
  const book = JSON.stringify({ title: 'My Ántonia', author: 'Willa Cather' });
  const asked: [string, string, Record<string, string>, string?][] = [
    ['GET', '/books/', {}],
    ['POST', '/books/', json, book],
    ['POST', '/books', { ...json, authorization: `Bearer ${SERVED_API_TOKEN}`, 'x-request-id': TRACE }, book],
    ['GET', '/books/1', {}],
    ['GET', '/books/', {}],
    [
      'POST',
      '/books/',
      { ...json, authorization: `Bearer ${SERVED_API_TOKEN}` },
      JSON.stringify({ title: 'x'.repeat(20_000), author: 'A' }),
    ],
  ];
  const answers: string[] = [];
  for (const [method, path, headers, body] of asked) {
    const response = await fetch(url + path, { method, headers, body });
    const shown = ['location', 'www-authenticate'].flatMap((name) => response.headers.get(name) ?? []);
    answers.push([response.status, ...shown, await response.text()].join(' '));
  }
  return answers;
}

/** What `exercise` is answered, whichever the wiring, the engine or the runtime (the API named catalog-api). */
export const EXERCISED = [
  '200 No books yet.',
  '401 Bearer realm="catalog-api" this write needs an Authorization header: Bearer <token>',
  '201 /books/1 Added 1. _My Ántonia_ by Willa Cather',
  '200 1. _My Ántonia_ by Willa Cather',
  '200 1. _My Ántonia_ by Willa Cather',
  '413 the body must be at most 16384 bytes',
];

/** The components that logged request `id`, from the app's logs under its state folder: each logs a line a request or call. */
export async function loggedBy(stateDir: string, id: string): Promise<string[]> {
  const logs = join(stateDir, 'logs');
  const texts = await Promise.all((await readdir(logs)).map((file) => readFile(join(logs, file), 'utf8')));
  const lines = texts.flatMap((text) => text.split('\n')).filter((line) => line.split(' ')[1] === id);
  return [...new Set(lines.map((line) => line.split(' ')[0]))].sort();
}

/** The engine a component was built on: componentize-js marks its components as its own (StarlingMonkey); componentize-qjs does not. */
export async function engineOf(wasmFile: string): Promise<'starlingmonkey' | 'quickjs'> {
  const parts = await metadataShow(await readFile(wasmFile));
  const byComponentizeJs = parts.some((part) =>
    part.producers.some(([field, values]) => field === 'processed-by' && values.some(([tool]) => tool === 'ComponentizeJS')),
  );
  return byComponentizeJs ? 'starlingmonkey' : 'quickjs';
}
