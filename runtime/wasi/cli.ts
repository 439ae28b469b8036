import type * as Stderr from '../generated/interfaces/wasi-cli-stderr.js';
import { OutputStream, type Sink } from './io.js';

export function stderr(sink: Sink): typeof Stderr {
  return { getStderr: () => new OutputStream(sink) };
}
