// .NET custom date/time format strings, invariant culture, always UTC (spec A-19) — used by FormatDateTime.
import { pad, type DateParts } from './datetime.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Invariant-culture standard formats (one-letter format strings) as custom patterns. */
const STANDARD: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

/** Formats calendar fields with a .NET format string; throws a plain message string on an invalid format. */
export function formatDateTime(p: DateParts, format: string): string {
  if (format.length === 0) return formatDateTime(p, 'G');
  if (format.length === 1) {
    const pattern = STANDARD[format];
    if (pattern === undefined) throw new FormatError(`'${format}' is not a standard date/time format`);
    return formatCustom(p, pattern);
  }
  return formatCustom(p, format);
}

/** An invalid format string. */
export class FormatError extends Error {}

function formatCustom(p: DateParts, f: string): string {
  let out = '';
  let i = 0;
  while (i < f.length) {
    const c = f[i];
    let run = 1;
    while (i + run < f.length && f[i + run] === c) run++;
    switch (c) {
      case 'y':
        out += run === 1 ? String(p.year % 100) : run === 2 ? pad(p.year % 100, 2) : pad(p.year, run);
        break;
      case 'M':
        out += run === 1 ? String(p.month) : run === 2 ? pad(p.month, 2) : run === 3 ? MONTHS[p.month - 1].slice(0, 3) : MONTHS[p.month - 1];
        break;
      case 'd':
        out += run === 1 ? String(p.day) : run === 2 ? pad(p.day, 2) : run === 3 ? DAYS[p.weekday].slice(0, 3) : DAYS[p.weekday];
        break;
      case 'h': {
        const h = p.hour % 12 === 0 ? 12 : p.hour % 12;
        out += run === 1 ? String(h) : pad(h, 2);
        break;
      }
      case 'H':
        out += run === 1 ? String(p.hour) : pad(p.hour, 2);
        break;
      case 'm':
        out += run === 1 ? String(p.minute) : pad(p.minute, 2);
        break;
      case 's':
        out += run === 1 ? String(p.second) : pad(p.second, 2);
        break;
      case 'f':
      case 'F': {
        if (run > 7) throw new FormatError(`'${c.repeat(run)}' has more than 7 fraction digits`);
        const digits = pad(p.fraction, 7).slice(0, run);
        if (c === 'f') out += digits;
        else {
          const trimmed = digits.replace(/0+$/, '');
          if (trimmed.length === 0 && out.endsWith('.')) out = out.slice(0, -1);
          out += trimmed;
        }
        break;
      }
      case 't':
        out += run === 1 ? (p.hour < 12 ? 'A' : 'P') : p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'K':
        out += 'Z'.repeat(run);
        break;
      case 'z':
        out += run === 1 ? '+0' : run === 2 ? '+00' : '+00:00';
        break;
      case "'":
      case '"': {
        const end = f.indexOf(c, i + 1);
        if (end < 0) throw new FormatError(`unterminated quoted text in the format`);
        out += f.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      case '\\':
        if (i + 1 >= f.length) throw new FormatError('the format ends with an escape character');
        out += f[i + 1];
        i += 2;
        continue;
      case '%':
        if (i + 1 >= f.length || f[i + 1] === '%') throw new FormatError("'%' must be followed by one format specifier");
        i += 1;
        continue;
      default:
        out += c.repeat(run);
    }
    i += run;
  }
  return out;
}
