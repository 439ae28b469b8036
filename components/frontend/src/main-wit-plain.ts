// frontend-wit on QuickJS (world frontend-wit-plain): the `wit` wiring's
// frontend as plain HTTP, which the http-face adapter serves over wasi:http.
import { plainHttpFor } from '../../shared/plain-http.js';
import { wasiHost } from '../../shared/wasi-host.js';
import { frontend } from './app.js';
import { witSource } from './wit-source.js';

export const plainHttp = plainHttpFor(frontend(witSource, wasiHost));
