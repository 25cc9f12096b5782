// Draws the picture a reader looks at first: each throughput figure as a horizontal bar beside its floor,
// on a shared logarithmic axis (figures span from thousands to millions per second).
import { formatCompact, formatValue } from './format-number.ts';
import type { BenchRun } from './result.ts';
import { clip, xml } from './svg-text.ts';

/** One bar pair: the figure and, if it has one, its floor. */
interface Row {
  suite: string;
  name: string;
  value: number;
  unit: string;
  floor?: { name: string; value: number; unit: string };
  goal?: string;
  goalMet?: boolean;
}

const width = 1160;
const labelWidth = 300;
const barLeft = labelWidth + 10;
const barWidth = 440;
const valueLeft = barLeft + barWidth + 12;
const rowHeight = 46;
const top = 96;
const colors = { met: '#2e7d32', missed: '#c62828', noGoal: '#1565c0', floor: '#9e9e9e', grid: '#e0e0e0', text: '#212121', muted: '#616161' };

/** True for throughput units (anything per second). */
export function isThroughput(unit: string): boolean {
  return /\/\s*s$/.test(unit.trim());
}

/** The throughput figures of a run, each with its floor when the floor is a throughput too. */
function rowsOf(run: BenchRun): Row[] {
  return run.suites.flatMap((s) =>
    s.figures
      .filter((f) => isThroughput(f.unit))
      .map((f) => ({
        suite: s.name,
        name: f.name,
        value: f.value,
        unit: f.unit,
        floor: f.floor,
        goal: f.goal,
        goalMet: f.goalMet,
      })),
  );
}

/** Decade bounds covering every positive value. */
function decades(values: readonly number[]): { lo: number; hi: number } {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return { lo: 1, hi: 10 };
  // Half a decade of headroom below the smallest value keeps its bar visibly long.
  const lo = Math.floor(Math.log10(Math.min(...positive)) - 0.5);
  let hi = Math.ceil(Math.log10(Math.max(...positive)));
  if (hi <= lo) hi = lo + 1;
  return { lo, hi };
}

/** Renders the throughput chart of `run` as a standalone SVG document. */
export function renderSvg(run: BenchRun, subtitle: string): string {
  const rows = rowsOf(run);
  // A floor gets a bar only in the figure's own unit; in another unit (e.g. bytes/s) it is named, not drawn.
  const drawn = (r: Row) => r.floor !== undefined && r.floor.unit === r.unit;
  const { lo, hi } = decades(rows.flatMap((r) => [r.value, drawn(r) ? (r.floor?.value ?? 0) : 0]));
  const x = (v: number) => (v <= 0 ? 0 : Math.max(1, ((Math.log10(v) - lo) / (hi - lo)) * barWidth));
  const chartHeight = Math.max(rows.length, 1) * rowHeight;
  const height = top + chartHeight + 40;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" role="img">`,
    `<title>IdSync throughput against floor, size ${xml(run.size)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="18" font-weight="600" fill="${colors.text}">IdSync throughput against its floor — size ${xml(run.size)} (${run.count.toLocaleString('en-US')} users)</text>`,
    `<text x="16" y="48" font-size="12" fill="${colors.muted}">${xml(clip(subtitle, 140))}</text>`,
  ];
  const legend: [string, string][] = [
    [colors.met, 'goal met'],
    [colors.missed, 'goal missed'],
    [colors.noGoal, 'no goal'],
    [colors.floor, 'floor (same run)'],
  ];
  legend.forEach(([color, text], i) => {
    const lx = 16 + i * 150;
    out.push(`<rect x="${lx}" y="60" width="12" height="12" fill="${color}"/>`);
    out.push(`<text x="${lx + 18}" y="70" font-size="12" fill="${colors.text}">${text}</text>`);
  });
  out.push(`<text x="${valueLeft}" y="70" font-size="12" fill="${colors.muted}">per second, log scale</text>`);

  for (let d = lo; d <= hi; d++) {
    const gx = barLeft + ((d - lo) / (hi - lo)) * barWidth;
    out.push(`<line x1="${gx.toFixed(1)}" y1="${top - 6}" x2="${gx.toFixed(1)}" y2="${top + chartHeight}" stroke="${colors.grid}"/>`);
    out.push(`<text x="${gx.toFixed(1)}" y="${top + chartHeight + 16}" font-size="11" text-anchor="middle" fill="${colors.muted}">${formatCompact(10 ** d)}</text>`);
  }
  if (rows.length === 0) {
    out.push(`<text x="${barLeft}" y="${top + 26}" font-size="13" fill="${colors.muted}">No throughput figures in this run.</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const color = r.goalMet === undefined ? colors.noGoal : r.goalMet ? colors.met : colors.missed;
    out.push(`<text x="16" y="${y + 14}" font-size="11" fill="${colors.muted}">${xml(clip(r.suite, 40))}</text>`);
    out.push(`<text x="16" y="${y + 30}" font-size="13" fill="${colors.text}">${xml(clip(r.name, 42))}</text>`);
    out.push(`<rect x="${barLeft}" y="${y + 4}" width="${x(r.value).toFixed(1)}" height="18" fill="${color}"/>`);
    const goal = r.goal ? `<tspan font-size="11" fill="${colors.muted}">  goal ${xml(clip(r.goal, 30))}</tspan>` : '';
    out.push(`<text x="${valueLeft}" y="${y + 18}" font-size="13" fill="${colors.text}">${xml(`${formatValue(r.value)} ${r.unit}`)}${goal}</text>`);
    if (r.floor) {
      if (drawn(r)) out.push(`<rect x="${barLeft}" y="${y + 26}" width="${x(r.floor.value).toFixed(1)}" height="9" fill="${colors.floor}"/>`);
      const unit = drawn(r) ? '' : ` ${r.floor.unit}`;
      out.push(`<text x="${valueLeft}" y="${y + 35}" font-size="11" fill="${colors.muted}">${xml(clip(`floor ${formatValue(r.floor.value)}${unit} · ${r.floor.name}`, 66))}</text>`);
    }
  });
  out.push('</svg>', '');
  return out.join('\n');
}
