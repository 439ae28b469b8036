// Load from a separate process: the autocannon command, its JSON read back.
import { npmBin, run } from '../run.js';

/** What every request of a load sends besides a GET: a method, headers and a body. */
export interface Sent {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number };
  errors: number;
}

interface AutocannonJson {
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

export async function generateLoad(url: string, connections: number, seconds: number, sent?: Sent): Promise<LoadResult> {
  const request = sent
    ? [
        '--method',
        sent.method,
        ...Object.entries(sent.headers).flatMap(([name, value]) => ['--headers', `${name}=${value}`]),
        '--body',
        sent.body,
      ]
    : [];
  const output = await run(npmBin('autocannon'), [
    '--json',
    '--connections',
    String(connections),
    '--duration',
    String(seconds),
    ...request,
    url,
  ]);
  const result = JSON.parse(output) as AutocannonJson;
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99 },
    errors: result.errors + result.timeouts + result.non2xx,
  };
}
