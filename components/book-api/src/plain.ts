// book-api for QuickJS (world book-api-plain): the same two faces, its HTTP
// one as plain data, which the http-face adapter serves over wasi:http.
import { plainHttpFor } from '../../shared/plain-http.js';
import { handle } from './http.js';

export { catalog } from './wit-export.js';
export const plainHttp = plainHttpFor(handle);
