// book-api on QuickJS (world book-api-plain): the same two faces, its HTTP
// one as plain data, which the http-face adapter serves over wasi:http.
import { plainHttpFor } from '../../shared/plain-http.js';
import { wasiHost } from '../../shared/wasi-host.js';
import { api } from './api.js';
import { httpFace } from './http.js';
import { witFace } from './wit-export.js';

export const catalog = witFace(api, wasiHost);
export const plainHttp = plainHttpFor(httpFace(api, wasiHost));
