// StarlingMonkey's client: fetch. When no answer comes, fetch can only say
// NetworkError; its TypeError is the reason, as it is.
import type { Send } from './outgoing.js';

export const sendByFetch: Send = async ({ method, url, headers, body }) => {
  let response: Response;
  try {
    response = await fetch(url.href, { method, headers, body });
  } catch (cause) {
    return { answered: false, reason: String(cause) };
  }
  // Outside the catch: StarlingMonkey's text() throws on ill-formed UTF-8 (test/frontend-py.test.ts names it).
  return { answered: true, status: response.status, headers: response.headers, text: await response.text() };
};
