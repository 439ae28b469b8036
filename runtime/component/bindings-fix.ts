// A fix to the bindings jco-transpile 0.15 generates for WASI 0.3. When an
// async import (wasi:http/client@0.3.0's `send`) returns a resource the host
// owns, its lowering files the handle in the handle table named after the
// resource's capture table, not in the one `_lowerFlatOwn` names: the guest
// then looks the handle up in the right table, finds another entry or none,
// and traps ("Cannot read private member #statusCode"). The fix makes each
// such lowering use the table it is given.

/** `_lowerFlatOwn({ componentIdx, tableIdx: T, lowerFn: function lowerImportedOwnedHost_X(obj) { … rscTableCreateOwn(handleTableN, rep) … } })`. */
const OWN_LOWERING =
  /(_lowerFlatOwn\(\{\s*componentIdx: \d+,\s*tableIdx: (\d+),\s*lowerFn:\s*function lowerImportedOwnedHost_\w+\(obj\) \{[^}]*\}[^}]*rscTableCreateOwn\()handleTable\d+(, rep\))/g;

/** The bindings with every owned host resource lowered into the table it belongs to. */
export const fixOwnLowering = (bindings: string): string =>
  bindings.replace(OWN_LOWERING, (_whole, before: string, table: string, after: string) => `${before}handleTable${table}${after}`);
