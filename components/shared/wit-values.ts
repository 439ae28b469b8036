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
 * A 64-bit integer to pass: componentize-js takes anything BigInt() takes,
 * componentize-qjs takes a number (jco's declarations say bigint).
 */
export const int64 = (value: number): bigint => value as unknown as bigint;

/** An option received: none is undefined from componentize-js and null from componentize-qjs. */
export const option = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
