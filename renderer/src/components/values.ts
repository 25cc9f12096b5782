// How attribute values, timestamps and durations read in the console.
import type { ApiValue } from '../../../shared/model/values.ts';

export { formatDuration, formatValue, formatValues } from '../../../shared/model/value-text.ts';

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

/** A count with thousands separators (1,234,567), the same in every locale so screens and tests agree. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 item" / "1,234 items". */
export function countText(n: number, one = 'item', many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A search's count: "1,000+ items" when the engine stopped counting at that many. */
export function searchCountText(total: number, exact = true): string {
  return exact ? countText(total) : `${formatCount(total)}+ items`;
}
