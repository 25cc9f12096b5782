// Times are stored as milliseconds since 1970 (six bytes) instead of ISO-8601 text (24 bytes); the engine's times
// are ISO text at millisecond precision, which the integer keeps exactly.

/** The column value of an ISO time; an empty time is NULL. */
export function timeColumn(iso: string | null | undefined): number | null {
  if (iso === null || iso === undefined || iso === '') return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Not a time: "${iso}"`);
  return ms;
}

/** The ISO time of a column value (null when NULL). */
export function isoOf(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}
