// frontend-http on WASI 0.3 (QuickJS, world frontend-http-p3): the `network`
// and `chain` wirings' frontend, wasi:http@0.3.0 its face and its client.
import { sendByWasiHttp } from '../../shared/wasi-http-client-p3.js';
import { handlerFor } from '../../shared/wasi-http-p3.js';
import { wasiHost } from '../../shared/wasi-host.js';
import { frontend } from './app.js';
import { httpSource } from './http-source.js';

export const handler = handlerFor(frontend(httpSource(sendByWasiHttp), wasiHost));
