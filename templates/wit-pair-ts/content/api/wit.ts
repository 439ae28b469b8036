// {{api-name}}'s WIT face: the catalog export. A thrown value becomes the `err`
// case of a WIT result, on either engine. Every call is logged with the
// caller's request id, as the HTTP face logs a request.
import type * as Catalog from '{{wit-package}}/catalog@0.1.0';
import { type Host, logLine } from '../shared/request-id.js';
import { option } from '../shared/wit-values.js';
import type { Catalogue, Result } from './catalog.js';

export function witFace(catalogue: Catalogue, host: Host): typeof Catalog {
  const answer = <T>(caller: Catalog.Caller, call: string, result: Result<T>): T => {
    logLine(host, '{{api-name}}', caller.requestId, `catalog.${call}`, result.ok ? 'ok' : result.error.tag);
    if (!result.ok) throw result.error;
    return result.value;
  };
  // componentize-qjs passes a none as null: each option is read through option().
  const from = (caller: Catalog.Caller): Catalog.Caller => ({ requestId: caller.requestId, authorization: option(caller.authorization) });
  return {
    listBooks: (caller, limit, after) => answer(caller, 'list-books', catalogue.listBooks(limit, option(after))),
    getBook: (caller, id) => answer(caller, 'get-book', catalogue.getBook(id)),
    addBook: (caller, book) => answer(caller, 'add-book', catalogue.addBook(from(caller), book)),
    removeBook: (caller, id) => answer(caller, 'remove-book', catalogue.removeBook(from(caller), id)),
  };
}
