// Time spans in the .NET notation Get-ADSyncScheduler prints and Set-ADSyncScheduler accepts: `[d.]HH:mm:ss`.

/** Parses `HH:mm:ss` or `d.HH:mm:ss` (e.g. `03:00:00`, `1.0:0:0`, `7.00:00:00`) into milliseconds. */
export function parseTimeSpan(text: string): number {
  const m = /^\s*(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2})\s*$/.exec(text);
  if (!m) throw new Error(`'${text}' is not a time span; use HH:mm:ss or d.HH:mm:ss, e.g. 03:00:00 or 7.00:00:00`);
  const [days, hours, minutes, seconds] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3]), Number(m[4])];
  if (hours > 23 || minutes > 59 || seconds > 59) throw new Error(`'${text}' is not a time span: hours must be 0-23, minutes and seconds 0-59`);
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** Formats milliseconds as `HH:mm:ss`, or `d.HH:mm:ss` from one day on. */
export function formatTimeSpan(ms: number): string {
  const total = Math.round(ms / 1000);
  const days = Math.floor(total / 86_400);
  const rest = total % 86_400;
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  return days > 0 ? `${days}.${hms}` : hms;
}
