// {{frontend-name}} composed, on StarlingMonkey: the catalogue is a WIT import,
// plugged in by `npm run compose` (wac) or by Spin's `dependencies`.
import * as catalog from '{{wit-package}}/catalog@0.1.0';
import { serve } from '../shared/serve.js';
import { wasiHost } from '../shared/wasi-host.js';
import { frontend } from './app.js';
import { witSource } from './wit-source.js';

serve(frontend(witSource(catalog), wasiHost));
