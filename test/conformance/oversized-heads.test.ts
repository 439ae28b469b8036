// Heads past Spin's limits (runtime/trigger-http/head-limits.ts) always get
// an answer, then a closed connection, never a reset alone: a target over
// 65,534 bytes 414, more than 100 header fields or a head past hyper's buffer
// 431, a head that is not HTTP 400. Heads within them are served, large
// ones included. Each is sent five times: a reset is a race, not a rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestOf } from '../../scripts/lib/project.js';
import type { ServedApp } from '../../scripts/lib/serve.js';
import { sendRaw } from '../support/raw-http.js';
import { serveApp } from './target.js';

const TIMES = 5;
/** A GET with `host` and `connection: close` (two header fields), and `headers`. */
const request = (target: string, ...headers: string[]): Buffer =>
  Buffer.from([`GET ${target} HTTP/1.1`, 'host: localhost', 'connection: close', ...headers, '', ''].join('\r\n'));
const fields = (n: number): string[] => Array.from({ length: n }, (_, i) => `x-field-${i}: ${i}`);

const CASES: [string, Buffer, string][] = [
  ['a target of 70,000 bytes', request(`/${'a'.repeat(69_999)}`), 'HTTP/1.1 414 URI Too Long'],
  ['a target of 1 MiB', request(`/${'a'.repeat(2 ** 20)}`), 'HTTP/1.1 431 Request Header Fields Too Large'],
  ['a header of 600,000 bytes', request('/', `x-large: ${'a'.repeat(600_000)}`), 'HTTP/1.1 431 Request Header Fields Too Large'],
  ['101 header fields', request('/', ...fields(99)), 'HTTP/1.1 431 Request Header Fields Too Large'],
  ['10,000 header fields', request('/', ...fields(10_000)), 'HTTP/1.1 431 Request Header Fields Too Large'],
  ['a header line without a colon', request('/', 'not a header'), 'HTTP/1.1 400 Bad Request'],
  ['a target of 65,000 bytes', request(`/${'a'.repeat(64_999)}`), 'HTTP/1.1 404 Not Found'],
  ['a header of 64 KiB', request('/', `x-large: ${'a'.repeat(65_536)}`), 'HTTP/1.1 200 OK'],
  ['100 header fields', request('/', ...fields(98)), 'HTTP/1.1 200 OK'],
];

describe('heads past Spin’s limits, and within them', () => {
  let app: ServedApp;
  beforeAll(async () => {
    app = await serveApp(manifestOf('chain'));
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it.each(CASES)('%s: answered, then closed without a reset', async (_, bytes, statusLine) => {
    const sent = [];
    for (let i = 0; i < TIMES; i++) sent.push(await sendRaw(app.port, bytes));
    expect(sent).toEqual(Array.from({ length: TIMES }, () => ({ statusLine, reset: false })));
  });
});
