// WIT values as either engine's JavaScript has them, where the two differ:
// componentize-js (StarlingMonkey) and componentize-qjs (QuickJS) build the
// same types (jco's declarations) into different values. Each guest module
// that crosses WIT goes through these, so that its code is the same on both.

/**
 * The `err` of a WIT result: componentize-js throws a ComponentError whose
 * `payload` is the error; componentize-qjs throws the error itself.
 */
export function witError(cause: unknown): unknown {
  return typeof cause === 'object' && cause !== null && 'payload' in cause ? cause.payload : cause;
}

/**
 * Defined (true) in a guest built by componentize-qjs 0.5.0's CLI
 * (scripts/lib/componentize-qjs.ts), which lowers a 64-bit integer from a
 * bigint only, where 0.4.5 takes a number only (each README's type table).
 */
declare const WIT_U64_IS_BIGINT: true | undefined;

/**
 * A 64-bit integer to pass: componentize-js takes anything BigInt() takes;
 * componentize-qjs 0.4.5 takes a number (jco's declarations say bigint), and
 * 0.5.0 a bigint.
 */
export const int64 = (value: number): bigint => (typeof WIT_U64_IS_BIGINT === 'undefined' ? (value as unknown as bigint) : BigInt(value));

/** An option received: none is undefined from componentize-js and null from componentize-qjs. */
export const option = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
