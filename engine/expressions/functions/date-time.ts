// Date/time functions (spec §7.3): DateAdd, DateFromNum, FormatDateTime, Now, NumFromDate.
import { dt, fail, num, str } from '../arguments.ts';
import { FormatError, formatDateTime } from '../date-format.ts';
import { DateTime, FILETIME_EPOCH_TICKS, MAX_TICKS, TICKS_PER_SECOND, daysInMonth, inRange } from '../datetime.ts';
import { param, type CallSite, type FunctionDef } from '../function-def.ts';

const DAY_TICKS = 86_400n * TICKS_PER_SECOND;
const INTERVAL_TICKS: Record<string, bigint> = {
  y: DAY_TICKS,
  d: DAY_TICKS,
  w: DAY_TICKS,
  ww: 7n * DAY_TICKS,
  h: 3600n * TICKS_PER_SECOND,
  n: 60n * TICKS_PER_SECOND,
  s: TICKS_PER_SECOND,
};
const INTERVAL_MONTHS: Record<string, bigint> = { yyyy: 12n, q: 3n, m: 1n };

function addMonths(date: DateTime, months: bigint, site: CallSite): DateTime {
  const p = date.parts();
  const total = BigInt(p.year) * 12n + BigInt(p.month - 1) + months;
  const year = total / 12n;
  if (total < 12n || year > 9999n) fail(site, 'the result is outside the DateTime range', 'range');
  const y = Number(year);
  const m = Number(total % 12n) + 1;
  const day = Math.min(p.day, daysInMonth(y, m));
  return DateTime.fromParts(y, m, day, p.hour, p.minute, p.second, p.fraction)!;
}

function dateAdd(a: Parameters<NonNullable<FunctionDef['impl']>>[0], site: CallSite): DateTime {
  const interval = str(a, 0, site);
  const amount = num(a, 1, site);
  const date = dt(a, 2, site);
  const months = INTERVAL_MONTHS[interval];
  if (months !== undefined) return addMonths(date, amount * months, site);
  const unit = Object.hasOwn(INTERVAL_TICKS, interval) ? INTERVAL_TICKS[interval] : fail(site, `'${interval}' is not an interval (yyyy q m y d w ww h n s)`);
  const ticks = date.ticks + amount * unit;
  return inRange(ticks) ? new DateTime(ticks) : fail(site, 'the result is outside the DateTime range', 'range');
}

/** The Date/Time functions. */
export const dateTimeFunctions: readonly FunctionDef[] = [
  {
    name: 'DateAdd',
    category: 'Date/Time',
    signatures: ['dt DateAdd(str interval, num value, dt date)'],
    doc: 'Adds a number of intervals (yyyy q m y d w ww h n s) to a date.',
    params: [param('interval', 'str'), param('value', 'num'), param('date', 'dt')],
    returns: 'dt',
    impl: dateAdd,
  },
  {
    name: 'DateFromNum',
    category: 'Date/Time',
    signatures: ['dt DateFromNum(num value)'],
    doc: 'Converts an AD large-integer timestamp (100-ns intervals since 1601) to a DateTime.',
    params: [param('value', 'num')],
    returns: 'dt',
    impl: (a, site) => {
      const v = num(a, 0, site);
      if (v < 0n || v > MAX_TICKS - FILETIME_EPOCH_TICKS) fail(site, `${v} is outside the DateTime range`, 'range');
      return new DateTime(FILETIME_EPOCH_TICKS + v);
    },
  },
  {
    name: 'FormatDateTime',
    category: 'Date/Time',
    signatures: ['str FormatDateTime(dt value, str format)'],
    doc: 'Formats a DateTime (UTC) with a .NET custom date/time format string.',
    params: [param('value', 'dt'), param('format', 'str')],
    returns: 'str',
    impl: (a, site) => {
      const date = dt(a, 0, site);
      const format = str(a, 1, site);
      try {
        return formatDateTime(date.parts(), format);
      } catch (err) {
        if (err instanceof FormatError) return fail(site, err.message);
        throw err;
      }
    },
  },
  {
    name: 'Now',
    category: 'Date/Time',
    signatures: ['dt Now()'],
    doc: 'The current date and time (UTC).',
    params: [],
    returns: 'dt',
    impl: (_a, _site, ctx) => (ctx.now ? ctx.now() : DateTime.fromEpochMs(Date.now())),
  },
  {
    name: 'NumFromDate',
    category: 'Date/Time',
    signatures: ['num NumFromDate(dt value)'],
    doc: 'Converts a DateTime to an AD large-integer timestamp (100-ns intervals since 1601).',
    params: [param('value', 'dt')],
    returns: 'num',
    impl: (a, site) => {
      const ticks = dt(a, 0, site).ticks - FILETIME_EPOCH_TICKS;
      return ticks >= 0n ? ticks : fail(site, 'dates before 1601-01-01 have no timestamp', 'range');
    },
  },
];
