// {{frontend-name}} composed, on QuickJS (world `frontend-wit-plain`): HTTP as
// plain data, which the http-face adapter serves (`wac plug`). WIT calls
// answer at once, so the handlers never wait, as plain-http requires.
import * as catalog from '{{wit-package}}/catalog@0.1.0';
import { plainHttpFor } from '../shared/plain-http.js';
import { wasiHost } from '../shared/wasi-host.js';
import { frontend } from './app.js';
import { witSource } from './wit-source.js';

export const plainHttp = plainHttpFor(frontend(witSource(catalog), wasiHost));
