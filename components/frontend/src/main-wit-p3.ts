// frontend-wit on WASI 0.3 (QuickJS, world frontend-wit-p3): the `wit`
// wiring's frontend, its HTTP face wasi:http@0.3.0's handler.
import { wasiHost } from '../../shared/wasi-host.js';
import { handlerFor } from '../../shared/wasi-http-p3.js';
import { frontend } from './app.js';
import { witSource } from './wit-source.js';

export const handler = handlerFor(frontend(witSource, wasiHost));
