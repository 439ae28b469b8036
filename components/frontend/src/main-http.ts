// frontend-http: the frontend for the `network` and `chain` wirings.
import { sendByFetch } from '../../shared/fetch-client.js';
import { serve } from '../../shared/serve.js';
import { wasiHost } from '../../shared/wasi-host.js';
import { frontend } from './app.js';
import { httpSource } from './http-source.js';

serve(frontend(httpSource(sendByFetch), wasiHost));
