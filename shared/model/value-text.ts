// How attribute values read as text, the same on screen, in the console's copies and in the engine's CSV files.

/** One wire value as text: tagged values lose their tag, binaries show as base64 with a marker. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.int === 'string') return v.int;
    if (typeof v.date === 'string') return v.date;
    if (typeof v.ref === 'string') return v.ref;
    if (typeof v.bin === 'string') return `base64:${v.bin}`;
  }
  return JSON.stringify(value);
}

/** Several values on one line, separated so a reader (and a CSV consumer) can split them again. */
export function formatValues(values: readonly unknown[] | null | undefined): string {
  return (values ?? []).map(formatValue).join('; ');
}

/** A duration as h:mm:ss (or m:ss under an hour). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A cell that a spreadsheet would run as a formula (= + - @) gets a leading quote, so it stays text. */
export function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
}
