// WIT values as either engine's JavaScript has them, where the two differ:
// componentize-js (StarlingMonkey) and componentize-qjs (QuickJS) turn the
// same types (jco's declarations) into different values. Code that crosses
// WIT reads them through these, so that it is the same on both.

/**
 * The `err` of a WIT result, thrown: componentize-js throws a ComponentError
 * whose `payload` is the error; componentize-qjs throws the error itself.
 */
export function witError(cause: unknown): unknown {
  return typeof cause === 'object' && cause !== null && 'payload' in cause ? cause.payload : cause;
}

/** A 64-bit integer to pass: componentize-js takes anything BigInt() takes, componentize-qjs a number (jco's declarations say bigint). */
export const int64 = (value: number): bigint => value as unknown as bigint;

/** An option received: none is undefined from componentize-js and null from componentize-qjs. */
export const option = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
