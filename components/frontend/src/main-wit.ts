// frontend-wit: the frontend for the `wit` wiring.
import { serve } from '../../shared/serve.js';
import { wasiHost } from '../../shared/wasi-host.js';
import { frontend } from './app.js';
import { witSource } from './wit-source.js';

serve(frontend(witSource, wasiHost));
