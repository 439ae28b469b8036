// The catalogue this instance serves: Spin's key-value store `default`, and
// the token from the Spin variable `api_token` (wasi:config, which Spin
// implements for its variables). index.ts and plain.ts serve it.
import { get } from 'wasi:config/store@0.2.0-draft-2024-09-27';
import { option, witError } from '../shared/wit-values.js';
import { catalogue } from './catalog.js';
import { keyValueStore } from './kv-store.js';

/**
 * The token, or undefined when unset. A failure is rethrown as a plain
 * Error, for credentials.ts to turn into `unavailable`: a wasi:config error
 * that escaped an export whose result has another error type would trap
 * componentize-js with "invalid variant tag value".
 */
function token(): string | undefined {
  try {
    return option(get('api_token'));
  } catch (cause) {
    const error = witError(cause) as { tag?: string; val?: unknown } | undefined;
    throw new Error(error?.tag === undefined ? String(cause) : `${error.tag}: ${String(error.val)}`);
  }
}

export const served = catalogue(keyValueStore(), { token });
