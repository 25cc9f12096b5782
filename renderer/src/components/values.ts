// How attribute values, timestamps and durations read in the console.
import type { ApiValue } from '../../../shared/model/values.ts';

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

/** The type tag of a wire value, for the Type column of attribute grids. */
export function valueType(value: ApiValue | unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (value && typeof value === 'object') {
    const key = Object.keys(value)[0];
    return ({ int: 'integer', bin: 'binary', date: 'datetime', ref: 'reference' } as Record<string, string>)[key] ?? 'unknown';
  }
  return 'unknown';
}

/** An ISO timestamp in the reader's locale; empty for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
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
