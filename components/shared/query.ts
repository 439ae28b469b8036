// Query parameters shared by book-api and the frontend, so that both answer a
// bad `?weekday=` with the same words.
import type { Query } from './http.js';

export type ParamResult = { ok: true; value: number | undefined } | { ok: false; message: string };

/** The first `name` parameter as a non-negative integer; `value` is undefined when absent. */
export function uintParam(query: Query, name: string): ParamResult {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: undefined };
  if (!/^\d{1,9}$/.test(raw)) {
    return { ok: false, message: `query parameter "${name}" must be a non-negative integer, got "${raw}"` };
  }
  return { ok: true, value: Number(raw) };
}

/** `name` as an integer from `min` to `max`, or `fallback` when absent. */
export function boundedParam(query: Query, name: string, min: number, max: number, fallback: number): ParamResult {
  const param = uintParam(query, name);
  if (!param.ok) return param;
  const value = param.value ?? fallback;
  if (value < min || value > max) {
    return { ok: false, message: `query parameter "${name}" must be from ${min} to ${max}, got "${value}"` };
  }
  return { ok: true, value };
}

export function isWeekday(day: number): boolean {
  return Number.isInteger(day) && day >= 0 && day <= 6;
}

export function invalidWeekdayMessage(day: number | string): string {
  return `query parameter "weekday" must be from 0 (Sunday) to 6 (Saturday), got "${day}"`;
}

/** `?weekday=N` as a weekday; `value` is undefined when the request names none. */
export function weekdayParam(query: Query): ParamResult {
  const param = uintParam(query, 'weekday');
  if (param.ok && param.value !== undefined && !isWeekday(param.value)) {
    return { ok: false, message: invalidWeekdayMessage(param.value) };
  }
  return param;
}
