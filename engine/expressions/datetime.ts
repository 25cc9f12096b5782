// The DateTime value: a UTC instant in 100-ns ticks since 0001-01-01, the .NET DateTime range.

const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MS = 10_000n;
/** Ticks from 0001-01-01 to 1970-01-01. */
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;
/** Ticks from 0001-01-01 to 1601-01-01 (the FILETIME epoch). */
export const FILETIME_EPOCH_TICKS = 504_911_232_000_000_000n;
/** Largest tick count: 9999-12-31T23:59:59.9999999. */
export const MAX_TICKS = 3_155_378_975_999_999_999n;

/** Calendar fields of an instant (UTC). */
export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Sub-second ticks, 0–9,999,999. */
  fraction: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** A UTC date/time inside an expression; it never reaches an attribute without conversion. */
export class DateTime {
  constructor(readonly ticks: bigint) {}

  /** From milliseconds since 1970 (JS time). */
  static fromEpochMs(ms: number): DateTime {
    return new DateTime(BigInt(Math.trunc(ms)) * TICKS_PER_MS + UNIX_EPOCH_TICKS);
  }

  /** From calendar fields (UTC); null when outside 0001–9999 or not a real date. */
  static fromParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, fraction = 0): DateTime | null {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    if (hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) return null;
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    return new DateTime(BigInt(d.getTime()) * TICKS_PER_MS + UNIX_EPOCH_TICKS + BigInt(fraction));
  }

  /** Milliseconds since 1970 (sub-millisecond ticks dropped). */
  get epochMs(): number {
    const t = this.ticks - UNIX_EPOCH_TICKS;
    return Number(t >= 0n ? t / TICKS_PER_MS : (t - TICKS_PER_MS + 1n) / TICKS_PER_MS);
  }

  /** Calendar fields in UTC. */
  parts(): DateParts {
    const secondsTicks = (this.ticks / TICKS_PER_SECOND) * TICKS_PER_SECOND;
    const d = new Date(Number((secondsTicks - UNIX_EPOCH_TICKS) / TICKS_PER_MS));
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      fraction: Number(this.ticks - secondsTicks),
      weekday: d.getUTCDay(),
    };
  }

  /** `yyyy-MM-ddTHH:mm:ssZ`, with a fraction only when it is non-zero. */
  toISOString(): string {
    const p = this.parts();
    const frac = p.fraction === 0 ? '' : `.${String(p.fraction).padStart(7, '0').replace(/0+$/, '')}`;
    return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${frac}Z`;
  }
}

/** True when the tick count lies in the representable range. */
export function inRange(ticks: bigint): boolean {
  return ticks >= 0n && ticks <= MAX_TICKS;
}

/** Number of days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Zero-pads a number to `width` digits. */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export { TICKS_PER_SECOND, TICKS_PER_MS };
