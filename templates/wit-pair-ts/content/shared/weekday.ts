// The weekday, as both components read it from a query and word what is
// wrong with it, so that every wiring answers with the same bytes.

export type WeekdayParam = { ok: true; value: number | undefined } | { ok: false; message: string };

/** `?weekday=` as a WIT u8, or undefined for today; the range is the domain's to check. */
export function weekdayParam(query: URLSearchParams): WeekdayParam {
  const raw = query.get('weekday');
  if (raw === null) return { ok: true, value: undefined };
  const value = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  return value <= 255 ? { ok: true, value } : { ok: false, message: `query parameter "weekday" must be a whole number, got "${raw}"` };
}

export const invalidWeekday = (weekday: number): string => `weekday must be 0 (Sunday) to 6 (Saturday), got ${weekday}`;
