// A call from one component to another over HTTP, as the frontend's
// http-source.ts makes it, and what came back: the port each engine's client
// implements (fetch-client.ts on StarlingMonkey, wasi-http-client-p3.ts on
// WASI 0.3), so that the frontend's code is one.
import type { HttpUrl } from './url.js';

export interface Outgoing {
  method: string;
  url: HttpUrl;
  /** Values latin1, as HttpRequest carries them. */
  headers: Record<string, string>;
  /** Sent as UTF-8. */
  body: string | undefined;
}

/** Headers as Fetch's Headers.get finds them: a name sent more than once has its values joined with ", ". */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** The answer, its body read whole as UTF-8; or why none came. */
export type Sent = { answered: true; status: number; headers: HeaderLookup; text: string } | { answered: false; reason: string };

export type Send = (call: Outgoing) => Promise<Sent>;
