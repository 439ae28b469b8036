// The catalogue this instance serves: Spin's key-value store, and the token
// from the Spin variable `api_token`. Both faces serve this one.
import { get } from 'wasi:config/store@0.2.0-draft-2024-09-27';
import { option, witError } from '../../shared/wit-values.js';
import { catalogue } from './catalog.js';
import { keyValueStore } from './kv-store.js';

/** The token, or undefined when unset; a variable store that refuses says why in the same words on either engine. */
function token(): string | undefined {
  try {
    return option(get('api_token'));
  } catch (cause) {
    const error = witError(cause) as { tag?: string; val?: unknown } | undefined;
    throw new Error(error?.tag === undefined ? String(cause) : `${error.tag}: ${String(error.val)}`);
  }
}

export const api = catalogue(keyValueStore(), { token });
