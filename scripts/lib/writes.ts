// Clients adding books to book-api at once, each waiting for its answer
// before its next, and the read-back that says whether every book answered
// 201 is there: what the concurrency, crash and soak checks of issue 31
// share, so that they count an acknowledged write the same way.
import { SERVED_API_TOKEN } from './project.js';

const WRITE = { 'content-type': 'application/json', authorization: `Bearer ${SERVED_API_TOKEN}` };

export interface Written {
  /** Each location answered 201, with the title that was sent for it. */
  acknowledged: Map<string, string>;
  /** Locations answered 201 more than once. */
  twice: string[];
  /** Any other answer, `status body`, or the error of a request that got none. */
  others: string[];
  /** Milliseconds each 201 took, in the order they came. */
  latenciesMs: number[];
}

export interface WriteOptions {
  clients: number;
  /** Writes per client; without it, until `stop` says so. */
  each?: number;
  stop?: () => boolean;
  /** Told of each acknowledged write, as it comes. */
  onAcknowledged?: (written: Written) => void;
}

/** POSTs `{title, author}` to `url` (book-api's `/api/books`, or a frontend's `/books`) from `clients` at once. */
export async function writeBooks(url: string, options: WriteOptions): Promise<Written> {
  const written: Written = { acknowledged: new Map(), twice: [], others: [], latenciesMs: [] };
  const { clients, each = Number.POSITIVE_INFINITY, stop = () => false } = options;
  const client = async (n: number): Promise<void> => {
    for (let i = 0; i < each && !stop(); i++) {
      const title = `Book ${i} of client ${n}`;
      const started = performance.now();
      try {
        const answer = await fetch(url, { method: 'POST', headers: WRITE, body: JSON.stringify({ title, author: 'Many writers' }) });
        const body = await answer.text();
        const location = answer.headers.get('location');
        if (answer.status !== 201 || location === null) {
          written.others.push(`${answer.status} ${body}`);
          continue;
        }
        written.latenciesMs.push(performance.now() - started);
        if (written.acknowledged.has(location)) written.twice.push(location);
        written.acknowledged.set(location, title);
        options.onAcknowledged?.(written);
      } catch (error) {
        written.others.push(String((error as Error).cause ?? error));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return written;
}

/** The acknowledged books `origin` (book-api's) does not give back with their titles: `location (status)` each. */
export async function missingBooks(origin: string, acknowledged: Map<string, string>): Promise<string[]> {
  const missing: string[] = [];
  for (const [location, title] of acknowledged) {
    const read = await fetch(`${origin}${location}`);
    const body = await read.text();
    const book = read.status === 200 ? (JSON.parse(body) as { title?: string }) : undefined;
    if (book?.title !== title) missing.push(`${location} (${read.status})`);
  }
  return missing;
}
