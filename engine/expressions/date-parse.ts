// CDate text forms (spec A-48): ISO 8601, `yyyy-MM-dd h:mm AM ±h`, US `M/d/yyyy`; no offset means UTC.
import { DateTime, TICKS_PER_SECOND } from './datetime.ts';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const ISO_12H = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)\s*([+-]\d{1,2}(?::?\d{2})?)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\s*([+-]\d{1,2}(?::?\d{2})?|Z)?$/i;

/** Parses date/time text to a UTC DateTime; undefined when the text is not an accepted form. */
export function parseDateTime(input: string): DateTime | undefined {
  const text = input.trim();
  let m = ISO.exec(text);
  if (m) return build(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, m[7], undefined, m[8]);
  m = ISO_12H.exec(text);
  if (m) return build(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, undefined, m[7], m[8]);
  m = US.exec(text);
  if (m) return build(+m[3], +m[1], +m[2], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, undefined, m[7], m[8]);
  return undefined;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, fraction: string | undefined, ampm: string | undefined, offset: string | undefined): DateTime | undefined {
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = ampm.toUpperCase() === 'PM';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  const ticksFraction = fraction ? Number(fraction.padEnd(7, '0')) : 0;
  const local = DateTime.fromParts(year, month, day, hour, minute, second, ticksFraction);
  if (!local) return undefined;
  const offsetMinutes = parseOffset(offset);
  if (offsetMinutes === undefined) return undefined;
  const ticks = local.ticks - BigInt(offsetMinutes * 60) * TICKS_PER_SECOND;
  return ticks >= 0n && ticks <= 3_155_378_975_999_999_999n ? new DateTime(ticks) : undefined;
}

/** Offset text (`Z`, `-8`, `+05:30`, `+0530`) in minutes east of UTC; undefined if malformed. */
function parseOffset(text: string | undefined): number | undefined {
  if (!text || text.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const hours = +m[2];
  const minutes = m[3] ? +m[3] : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
