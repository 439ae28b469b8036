// Spin's reserved routes under /.well-known/spin/: they answer before any
// route is matched, whatever the app's routes say.
import { WELL_KNOWN_PREFIX } from '../routes/router.js';
import type { HttpResponse } from '../wasi/http.js';
import { NOT_FOUND } from './routing.js';

const text = (body: string, type: string): HttpResponse => ({ status: 200, headers: [['content-type', type]], body: Buffer.from(body) });

/** `health` and `info` (the app's name and, from this runtime, its workers and instances); anything else is an empty 404. */
export async function wellKnown(path: string, info: () => Promise<object>): Promise<HttpResponse> {
  switch (path.slice(WELL_KNOWN_PREFIX.length)) {
    case 'health':
      return text('OK', 'text/plain');
    case 'info':
      return text(JSON.stringify(await info()), 'application/json');
    default:
      return NOT_FOUND;
  }
}
