// {{api-name}} on WASI 0.3 (QuickJS, world `api-p3`): the same two faces, its
// HTTP one wasi:http@0.3.0's handler, with no adapter. Spin reuses an
// instance for many requests: nothing here keeps a request's data.
import { wasiHost } from '../shared/wasi-host.js';
import { handlerFor } from '../shared/wasi-http-p3.js';
import { httpFace } from './http.js';
import { served } from './service.js';
import { witFace } from './wit.js';

export const catalog = witFace(served, wasiHost);
export const handler = handlerFor(httpFace(served, wasiHost));
