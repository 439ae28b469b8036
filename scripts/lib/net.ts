// Ports and readiness on loopback, for the benchmark and the tests.
import { createServer } from 'node:http';
import { UserError } from './cli.js';

/** A port nothing listens on now. */
export async function freePortOnLoopback(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Resolves once `url` answers 200; fails after `seconds`. */
export async function waitFor(url: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new UserError(`${url} did not answer 200 within ${seconds} s`);
}
