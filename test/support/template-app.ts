// A new app from the template, ready to build without a registry: its
// devDependencies linked from this project's node_modules (the same
// versions, as test/template.test.ts checks), and their commands in
// node_modules/.bin as npm would put them there.
import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/project.js';

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
