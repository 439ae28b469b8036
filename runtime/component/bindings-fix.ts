// Fixes to the bindings jco-transpile 0.15 generates for WASI 0.3, applied
// when a component is transpiled (transpile.ts): the table an owned host
// resource is lowered into, here; what an instance retains, in
// bindings-retention.ts.
import { fixRetention } from './bindings-retention.js';

/** `_lowerFlatOwn({ componentIdx, tableIdx: T, lowerFn: function lowerImportedOwnedHost_X(obj) { … rscTableCreateOwn(handleTableN, rep) … } })`. */
const OWN_LOWERING =
  /(_lowerFlatOwn\(\{\s*componentIdx: \d+,\s*tableIdx: (\d+),\s*lowerFn:\s*function lowerImportedOwnedHost_\w+\(obj\) \{[^}]*\}[^}]*rscTableCreateOwn\()handleTable\d+(, rep\))/g;

/**
 * When an async import (wasi:http/client@0.3.0's `send`) returns a resource
 * the host owns, its lowering files the handle in the handle table named
 * after the resource's capture table, not in the one `_lowerFlatOwn` names:
 * the guest then looks the handle up in the right table, finds another entry
 * or none, and traps ("Cannot read private member #statusCode"). Here each
 * such lowering uses the table it is given.
 */
export const fixOwnLowering = (bindings: string): string =>
  bindings.replace(OWN_LOWERING, (_whole, before: string, table: string, after: string) => `${before}handleTable${table}${after}`);

/** The WASI 0.3 bindings with both fixes. */
export const fixBindings = (bindings: string): string => fixRetention(fixOwnLowering(bindings));
