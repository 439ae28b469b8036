// What a component takes from its host besides requests, the same way on
// both engines: randomness for the request ids it makes (wasi:random, not
// Math.random, which QuickJS, initialised ahead of time, starts from the same
// seed in every instance, and every request has an instance of its own), and
// stdout for its log (wasi:cli, not console, which QuickJS does not have).
import { getStdout } from 'wasi:cli/stdout@0.2.10';
import { getRandomBytes } from 'wasi:random/random@0.2.10';
import type { Host } from './request-id.js';
import { utf8 } from './utf8.js';
import { int64 } from './wit-values.js';

/** A write of wasi:io's output-stream takes at most 4096 bytes. */
const MOST = 4096;

export const wasiHost: Host = {
  randomBytes: (count) => getRandomBytes(int64(count)),
  log(line) {
    const bytes = utf8(`${line}\n`);
    const stdout = getStdout();
    for (let at = 0; at < bytes.length; at += MOST) stdout.blockingWriteAndFlush(bytes.subarray(at, at + MOST));
  },
};
