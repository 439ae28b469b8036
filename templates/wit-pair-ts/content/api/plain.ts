// {{api-name}} on QuickJS (world `api-plain`): the same two faces, HTTP as plain
// data, which the http-face adapter serves over wasi:http (http-face/api.wac).
import { plainHttpFor } from '../shared/plain-http.js';
import { wasiHost } from '../shared/wasi-host.js';
import { httpFace } from './http.js';
import { served } from './service.js';
import { witFace } from './wit.js';

export const catalog = witFace(served, wasiHost);
export const plainHttp = plainHttpFor(httpFace(served, wasiHost));
