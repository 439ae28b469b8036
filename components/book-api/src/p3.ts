// book-api on WASI 0.3 (QuickJS, world book-api-p3): the same two faces, its
// HTTP one wasi:http@0.3.0's handler.
import { wasiHost } from '../../shared/wasi-host.js';
import { handlerFor } from '../../shared/wasi-http-p3.js';
import { api } from './api.js';
import { httpFace } from './http.js';
import { witFace } from './wit-export.js';

export const catalog = witFace(api, wasiHost);
export const handler = handlerFor(httpFace(api, wasiHost));
