// Every npm script starts here: `tsx scripts/launch.ts <script.ts | npm bin> [args]`.
// On a Node the project supports, it runs the script in this process (or the
// bin as a child). On an older one (a machine's Node 20, say) it brings the
// recommended Node from npm into .tools/, saying so, and runs the same
// command line on it, that Node first on PATH for whatever the command
// starts: nobody meets an unsupported Node's stack trace. So that an old
// Node gets this far, it imports nothing but lib/node.ts and its helpers.
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from './lib/cli.js';
import { ensureNode, NODE_LINES, unsupportedNode } from './lib/node.js';
import { npmBin } from './lib/run.js';

/** Ends the command with `error` said in one line, as lib/cli.ts's main does. */
function fail(error: unknown): never {
  console.error(error instanceof UserError ? `Error: ${error.message}` : error);
  process.exit(1);
}

/**
 * Waits for `child`, passing on the signals a terminal or a supervisor sends,
 * and ends as it ends. The child leads a process group of its own, so that a
 * terminal's Ctrl-C reaches it once, through here.
 */
function becomes(child: ChildProcess): Promise<never> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  return new Promise(() => {
    child.on('error', (error) => fail(new UserError(`could not start ${child.spawnfile}: ${error.message}`)));
    child.on('exit', (code, signal) => process.exit(code ?? 128 + constants.signals[signal ?? 'SIGTERM']));
  });
}

const [command, ...args] = process.argv.slice(2);
if (command === undefined) fail(new UserError('usage: tsx scripts/launch.ts <script.ts | npm bin> [args]'));
const problem = unsupportedNode();
if (problem !== undefined) {
  const line = NODE_LINES.recommended;
  console.error(`${problem}. Running \`${[command, ...args].join(' ')}\` on Node ${line.version} (${line.status}) instead.`);
  const bin = await ensureNode(line).catch(fail);
  const env = { ...process.env, PATH: [bin, process.env.PATH].join(delimiter) };
  await becomes(spawn(join(bin, 'node'), [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env, detached: true }));
}
if (!command.endsWith('.ts')) await becomes(spawn(npmBin(command), args, { stdio: 'inherit', detached: true }));
// The script reads its own arguments from process.argv, as if it had been started itself; its main() reports its errors.
const script = resolve(command);
process.argv.splice(1, 2, script);
await import(pathToFileURL(script).href);
