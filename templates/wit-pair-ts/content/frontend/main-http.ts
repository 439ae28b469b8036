// {{frontend-name}} chained: GET the book from {{api-name}} by Spin's service
// chaining, in process and without a socket. The API's route is private, so
// only components of this app reach it.
import { httpSource } from './http-source.js';
import { servePage } from './page.js';

servePage(httpSource('http://{{api-name}}.spin.internal/api', (url) => fetch(url)));
