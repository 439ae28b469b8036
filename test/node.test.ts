// The Node lines the project supports (scripts/lib/node.ts), said alike by
// package.json, CI and the README, and the launcher every npm script starts
// from (scripts/launch.ts): as it is on a supported Node, and on an older one
// the recommended Node from .tools/, saying so.
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSupportedNode, NODE_FLOOR, NODE_LINES, nodeLink, unsupportedNode } from '../scripts/lib/node.js';
import { ROOT } from '../scripts/lib/project.js';
import { run } from '../scripts/lib/run.js';

const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const FIXTURE = join('test', 'support', 'node-version.ts');
const major = (version: string): string => version.split('.')[0];

/** A Node on PATH (or the machine's own) older than the floor, if this machine has one: Node 20 on CI's machine. */
function oldNode(): string | undefined {
  const candidates = [...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node')), '/usr/bin/node'];
  for (const node of candidates) {
    try {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().slice(1);
      if (!isSupportedNode(version)) return node;
    } catch {
      // Not a Node here.
    }
  }
  return undefined;
}

describe('the supported Node lines', () => {
  it('start at the floor, where JSPI is on by default', () => {
    for (const version of ['24.20.0', '24.22.3', '25.0.0', '26.12.1', '27.0.0']) expect(isSupportedNode(version)).toBe(true);
    for (const version of ['24.19.0', '24.0.0', '22.23.5', '20.20.2', '18.20.8']) expect(isSupportedNode(version)).toBe(false);
    expect(unsupportedNode('20.20.2')).toBe('Node 20.20.2 is past its end of life; bookserver needs Node 24.20.0 or later');
    expect(unsupportedNode('22.23.5')).toBe('Node 22.23.5 is without JSPI; bookserver needs Node 24.20.0 or later');
    expect(unsupportedNode('24.19.0')).toBe('Node 24.19.0 is older than 24.20, without JSPI; bookserver needs Node 24.20.0 or later');
    expect(unsupportedNode('26.12.1')).toBeUndefined();
    for (const line of Object.values(NODE_LINES)) expect(isSupportedNode(line.version)).toBe(true);
  });

  it('are what package.json, CI and the README say', async () => {
    const project = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(project.engines.node).toBe(`>=${NODE_FLOOR}`);
    const ci = await readFile(join(ROOT, '.ci', 'run'), 'utf8');
    const lines = Object.values(NODE_LINES).map((line) => major(line.version));
    expect(ci).toContain(`for line in ${lines.join(' ')}; do`);
    for (const line of Object.values(NODE_LINES)) expect(nodeLink(line)).toBe(join(ROOT, '.tools', `node-${major(line.version)}`));
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const prerequisites = readme.slice(readme.indexOf('## Prerequisites'), readme.indexOf('## Quickstart'));
    for (const text of [NODE_FLOOR, NODE_LINES.recommended.version, NODE_LINES.oldest.version]) expect(prerequisites).toContain(text);
  });
});

describe('scripts/launch.ts', () => {
  it('runs a script in its own process on a supported Node, with its arguments, and ends with its exit code', async () => {
    const printed = await run(process.execPath, [TSX, 'scripts/launch.ts', FIXTURE, '0', '--wiring', 'wit']);
    expect(JSON.parse(printed)).toMatchObject({ version: process.version, args: ['0', '--wiring', 'wit'] });
    await expect(run(process.execPath, [TSX, 'scripts/launch.ts', FIXTURE, '3'])).rejects.toThrow('(exit 3)');
  });

  it('runs an npm bin as a child, and says how it is used when given nothing', async () => {
    expect(await run(process.execPath, [TSX, 'scripts/launch.ts', 'tsc', '--version'])).toMatch(/^Version \d/);
    await expect(run(process.execPath, [TSX, 'scripts/launch.ts'])).rejects.toThrow(
      'Error: usage: tsx scripts/launch.ts <script.ts | npm bin> [args]',
    );
  });

  const old = oldNode();
  it.skipIf(old === undefined)(
    `runs the command on Node ${NODE_LINES.recommended.version} from .tools/ on ${old ?? 'an older Node'}, saying so`,
    async () => {
      if (old === undefined) return;
      const env = { ...process.env, PATH: [dirname(old), process.env.PATH].join(delimiter) };
      const child = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
        const spawned = spawn(old, [TSX, 'scripts/launch.ts', FIXTURE, '5', 'a b'], { cwd: ROOT, env });
        let stdout = '';
        let stderr = '';
        spawned.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
        spawned.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
        spawned.on('close', (code) => resolve({ stdout, stderr, code }));
      });
      expect(child.code).toBe(5);
      expect(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '')).toEqual({
        version: `v${NODE_LINES.recommended.version}`,
        args: ['5', 'a b'],
        path: join(nodeLink(NODE_LINES.recommended), 'bin'),
      });
      expect(child.stderr).toMatch(
        new RegExp(
          `^Node \\d+\\.\\d+\\.\\d+ is .*; bookserver needs Node ${NODE_FLOOR} or later\\. Running \`${FIXTURE} 5 a b\` on Node ${NODE_LINES.recommended.version} \\(`,
          'm',
        ),
      );
    },
    120_000,
  );
});
