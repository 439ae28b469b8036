// wasi:cli for a component serving HTTP: no arguments, no terminal, an empty
// stdin, the environment its manifest gives it, and stdout and stderr each
// into a sink the host chooses (Spin logs them).
import type * as Environment from '../generated/interfaces/wasi-cli-environment.js';
import type * as Exit from '../generated/interfaces/wasi-cli-exit.js';
import type * as Stderr from '../generated/interfaces/wasi-cli-stderr.js';
import type * as Stdin from '../generated/interfaces/wasi-cli-stdin.js';
import type * as Stdout from '../generated/interfaces/wasi-cli-stdout.js';
import type * as TerminalStderr from '../generated/interfaces/wasi-cli-terminal-stderr.js';
import type * as TerminalStdin from '../generated/interfaces/wasi-cli-terminal-stdin.js';
import type * as TerminalStdout from '../generated/interfaces/wasi-cli-terminal-stdout.js';
import { bytesSource, InputStream, OutputStream, type Sink } from './io.js';

export function environment(variables: ReadonlyMap<string, string>): typeof Environment {
  return { getEnvironment: () => [...variables], getArguments: () => [], initialCwd: () => undefined };
}

export const exit: typeof Exit = {
  exit: (status) => {
    // An exit ends the instance mid-request: the host reports it like a trap.
    throw new Error(`the component exited (${status.tag === 'ok' ? 'success' : 'failure'}) instead of answering`);
  },
};

export const stdin: typeof Stdin = { getStdin: () => new InputStream(bytesSource(new Uint8Array())) };

export function stdout(sink: Sink): typeof Stdout {
  return { getStdout: () => new OutputStream(sink) };
}

export function stderr(sink: Sink): typeof Stderr {
  return { getStderr: () => new OutputStream(sink) };
}

/** The terminal resources exist only as types: there is never a terminal to hand out. */
export class TerminalInput {}
export class TerminalOutput {}

export const terminalStdin: typeof TerminalStdin = { getTerminalStdin: () => undefined };
export const terminalStdout: typeof TerminalStdout = { getTerminalStdout: () => undefined };
export const terminalStderr: typeof TerminalStderr = { getTerminalStderr: () => undefined };
