// {{api-name}}: one domain (catalog.ts), two faces. The world `api` in
// wit/world.wit exports both: the catalog interface, and HTTP through
// StarlingMonkey's `fetch` event.
import { handle } from './http.js';

export { catalog } from './wit.js';

addEventListener('fetch', (event) => event.respondWith(handle(event.request)));
