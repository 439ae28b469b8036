// {{frontend-name}} composed: the catalogue is a WIT import, plugged in by
// `npm run compose` (wac) or by Spin's `dependencies`. No HTTP between them.
import * as catalog from '{{wit-package}}/catalog@0.1.0';
import { servePage } from './page.js';
import { witSource } from './wit-source.js';

servePage(witSource(catalog));
