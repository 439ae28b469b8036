// QuickJS's face: componentize-qjs cannot build a component that imports
// wasi:http, so the guest exports `plain-http` (a request read whole in, the
// reply as bytes out) and the http-face adapter serves that as
// wasi:http/incoming-handler.
import type * as PlainHttp from '{{wit-package}}/plain-http@0.1.0';
import { type Handle, headerMap, MAX_BODY, TOO_LARGE } from './http.js';
import { parseTarget } from './target.js';
import { latin1, utf8 } from './utf8.js';

/** The `plain-http` export that answers with `handle`, which must answer at once: a call cannot wait here. */
export function plainHttpFor(handle: Handle): typeof PlainHttp {
  return {
    handle({ method, target, headers, body }) {
      const reply = handle({
        method,
        ...parseTarget(target),
        headers: headerMap(headers.map(([name, value]) => [name, latin1(value)] as const)),
        body: body.length > MAX_BODY ? TOO_LARGE : body,
      });
      if (reply instanceof Promise) throw new TypeError('a handler behind plain-http must answer at once');
      return { status: reply.status, headers: Object.entries(reply.headers), body: utf8(reply.body) };
    },
  };
}
