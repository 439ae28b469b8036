// {{api-name}} on StarlingMonkey (world `api`): one domain (catalog.ts), two
// faces, both exported: the catalog interface, and HTTP through the `fetch` event.
import { serve } from '../shared/serve.js';
import { wasiHost } from '../shared/wasi-host.js';
import { httpFace } from './http.js';
import { served } from './service.js';
import { witFace } from './wit.js';

export const catalog = witFace(served, wasiHost);

serve(httpFace(served, wasiHost));
