// {{frontend-name}} composed, on WASI 0.3 (QuickJS, world `frontend-wit-p3`):
// wasi:http@0.3.0's handler, the catalogue a WIT import plugged in by
// `npm run compose` (wac) or by Spin's `dependencies`.
import * as catalog from '{{wit-package}}/catalog@0.1.0';
import { wasiHost } from '../shared/wasi-host.js';
import { handlerFor } from '../shared/wasi-http-p3.js';
import { frontend } from './app.js';
import { witSource } from './wit-source.js';

export const handler = handlerFor(frontend(witSource(catalog), wasiHost));
