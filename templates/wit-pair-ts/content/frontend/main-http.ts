// {{frontend-name}} chained, on StarlingMonkey whatever the engine chosen (a
// QuickJS component cannot send HTTP): the books from {{api-name}} by Spin's
// service chaining, in process and without a socket. The API's route is
// private, so only components of this app reach it.
import { serve } from '../shared/serve.js';
import { wasiHost } from '../shared/wasi-host.js';
import { frontend } from './app.js';
import { httpSource } from './http-source.js';

serve(frontend(httpSource('http://{{api-name}}.spin.internal/api', fetch), wasiHost));
