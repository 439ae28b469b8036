// book-api: one domain (catalog.ts), two faces. The world `book-api` in
// wit/books.wit exports both.
import { serve } from '../../shared/serve.js';
import { handle } from './http.js';

export { catalog } from './wit-export.js';

serve(handle);
