// wasi:cli's standard streams, each into a sink the host chooses (Spin logs them).
import type * as Stderr from '../generated/interfaces/wasi-cli-stderr.js';
import type * as Stdout from '../generated/interfaces/wasi-cli-stdout.js';
import { OutputStream, type Sink } from './io.js';

export function stdout(sink: Sink): typeof Stdout {
  return { getStdout: () => new OutputStream(sink) };
}

export function stderr(sink: Sink): typeof Stderr {
  return { getStderr: () => new OutputStream(sink) };
}
