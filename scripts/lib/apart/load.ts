// Load for the apart benchmark: `connections` clients, each sending its next
// request when the last is answered, over kept-alive connections, timed to
// the microsecond. autocannon, which the main benchmark uses, records whole
// milliseconds, and the hop measured here is a fraction of one.
import http from 'node:http';
import type { LoadResult } from '../bench/load.js';

const quantile = (sorted: number[], q: number): number => sorted[Math.round((sorted.length - 1) * q)] ?? NaN;

function get(agent: http.Agent, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolve((response.statusCode ?? 0) < 300));
      response.on('error', () => resolve(false));
    });
    request.on('error', () => resolve(false));
  });
}

export async function closedLoop(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      if (await get(agent, url)) latencies.push(performance.now() - sent);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsed,
    latency: { p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99) },
    errors,
  };
}
