// book-api on StarlingMonkey: one domain (catalog.ts), two faces. The world
// `book-api` in wit/books.wit exports both.
import { serve } from '../../shared/serve.js';
import { wasiHost } from '../../shared/wasi-host.js';
import { api } from './api.js';
import { httpFace } from './http.js';
import { witFace } from './wit-export.js';

export const catalog = witFace(api, wasiHost);

serve(httpFace(api, wasiHost));
