// Draws time per object against data size for one suite's steps: a line per step, both axes logarithmic (sizes
// span 200 to a million users, steps from tens of microseconds to milliseconds), so a flat line is a step whose
// cost per object does not grow with the data. Wall time is drawn solid and CPU time dashed in the same colour: on a
// shared machine the wall time of one size can be inflated by other work, its CPU time much less.
import { formatCompact, formatValue } from './format-number.ts';
import { machineLine } from './report-markdown.ts';
import { sizeToCount, type BenchSize } from './suite.ts';
import { flatTimeLimit, sizeRatio, type ScalingRow, type SuiteScaling } from './scaling-table.ts';
import { clip, xml } from './svg-text.ts';

const width = 1260;
const height = 560;
const plot = { left: 100, top: 84, width: 620, height: 390 };
const legendLeft = plot.left + plot.width + 40;
const colors = { text: '#212121', muted: '#616161', grid: '#e0e0e0', axis: '#9e9e9e', over: '#c62828' };
const lineColors = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#4e342e'];
const suffix = ': time per object';
const cpuSuffix = ': CPU time per object';

/** A log-scale axis mapping values in [10^lo, 10^hi] onto `length` pixels. */
function logScale(lo: number, hi: number, length: number): (v: number) => number {
  return (v) => ((Math.log10(v) - lo) / (hi - lo)) * length;
}

/** Wall time per object rows of a table (`<step>: time per object`, not CPU time), each with a positive value. */
function chartedRows(table: SuiteScaling | undefined): ScalingRow[] {
  return (table?.rows ?? []).filter((r) => r.kind === 'time' && r.figure.endsWith(suffix) && Object.values(r.values).some((v) => v > 0));
}

/** The runs behind the chart in one line: sizes drawn, dates and the machine (or how many machines). */
function subtitle(table: SuiteScaling, sizes: readonly BenchSize[]): string {
  const runs = sizes.flatMap((size) => (table.sources[size] ? [table.sources[size].run] : []));
  const dates = [...new Set(runs.map((r) => r.date.slice(0, 10)))].sort();
  const machines = [...new Set(runs.map(machineLine))];
  const when = dates.length > 1 ? `${dates[0]} to ${dates.at(-1)}` : (dates[0] ?? '');
  const tiny = table.sizes.includes('tiny') && !sizes.includes('tiny') ? ' (tiny left out)' : '';
  return `${sizes.join(', ')}${tiny} · ${when} · ${machines.length === 1 ? machines[0] : `${machines.length} machines`}`;
}

/** Ticks at 1, 2 and 5 of every decade from 10^lo to 10^hi. */
function ticks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let d = lo; d < hi; d++) out.push(10 ** d, 2 * 10 ** d, 5 * 10 ** d);
  return [...out, 10 ** hi];
}

/** Renders the chart of `suite`'s time per object against size as a standalone SVG document. */
export function renderScalingSvg(tables: readonly SuiteScaling[], suite = 'cycle'): string {
  const table = tables.find((t) => t.suite === suite);
  const rows = chartedRows(table);
  const measured = (table?.sizes ?? []).filter((size) => rows.some((r) => (r.values[size] ?? 0) > 0));
  // Start-up costs dominate tiny; it is drawn only when fewer than two larger sizes would leave no line.
  const larger = measured.filter((size) => size !== 'tiny');
  const sizes = larger.length >= 2 ? larger : measured;
  const counts = sizes.map((size) => Math.log10(sizeToCount[size]));
  // A single size still gets an axis a decade wide on each side.
  const pad = sizes.length > 1 ? 0.15 : 0.5;
  const xLo = (counts.length > 0 ? Math.min(...counts) : 4) - pad;
  const xHi = (counts.length > 0 ? Math.max(...counts) : 6) + pad;
  const cpuOf = (r: ScalingRow) => table?.rows.find((c) => c.kind === 'time' && c.figure === r.figure.slice(0, -suffix.length) + cpuSuffix);
  const values = rows.flatMap((r) => [r, cpuOf(r)]).flatMap((r) => (r ? Object.values(r.values).filter((v) => v > 0) : []));
  const yLo = Math.floor(Math.log10(values.length > 0 ? Math.min(...values) : 100));
  const yHi = Math.max(Math.ceil(Math.log10(values.length > 0 ? Math.max(...values) : 1000)), yLo + 1);
  const x = (size: BenchSize) => plot.left + logScale(xLo, xHi, plot.width)(sizeToCount[size]);
  const y = (v: number) => plot.top + plot.height - logScale(yLo, yHi, plot.height)(v);
  const bottom = plot.top + plot.height;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" role="img">`,
    `<title>IdSync ${xml(suite)}: time per object against data size</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="18" font-weight="600" fill="${colors.text}">IdSync ${xml(suite)}: time per object against data size (flat is the goal)</text>`,
    `<text x="16" y="48" font-size="12" fill="${colors.muted}">${xml(clip(table ? subtitle(table, sizes) : 'no runs', 180))}</text>`,
  ];
  for (const t of ticks(yLo, yHi)) {
    const ty = y(t).toFixed(1);
    out.push(`<line x1="${plot.left}" y1="${ty}" x2="${plot.left + plot.width}" y2="${ty}" stroke="${colors.grid}"/>`);
    out.push(`<text x="${plot.left - 8}" y="${(y(t) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${colors.muted}">${formatValue(t)}</text>`);
  }
  for (const size of sizes) {
    const tx = x(size).toFixed(1);
    out.push(`<line x1="${tx}" y1="${plot.top}" x2="${tx}" y2="${bottom}" stroke="${colors.grid}"/>`);
    out.push(`<text x="${tx}" y="${bottom + 18}" font-size="11" text-anchor="middle" fill="${colors.muted}">${formatCompact(sizeToCount[size])}</text>`);
  }
  out.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.width}" height="${plot.height}" fill="none" stroke="${colors.axis}"/>`);
  out.push(`<text x="${plot.left + plot.width / 2}" y="${bottom + 42}" font-size="12" text-anchor="middle" fill="${colors.text}">data size, users (log scale)</text>`);
  const midY = plot.top + plot.height / 2;
  out.push(`<text x="32" y="${midY}" font-size="12" text-anchor="middle" fill="${colors.text}" transform="rotate(-90 32 ${midY})">µs per object (log scale)</text>`);
  if (rows.length === 0) {
    out.push(`<text x="${plot.left + 20}" y="${plot.top + 30}" font-size="13" fill="${colors.muted}">No time per object figures from the ${xml(suite)} suite.</text>`);
  }
  const line = (r: ScalingRow, color: string, label: string, dashed: boolean) => {
    const points = sizes.filter((size) => (r.values[size] ?? 0) > 0).map((size) => ({ size, v: r.values[size] as number }));
    const dash = dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${points.map((p) => `${x(p.size).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}"/>`);
    for (const p of points) {
      out.push(`<circle cx="${x(p.size).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="${dashed ? 2.5 : 3.5}" fill="${color}"><title>${xml(`${label} at ${p.size}: ${formatValue(p.v)} µs`)}</title></circle>`);
    }
  };
  const growth = (r: ScalingRow | undefined, cpu: boolean) => {
    const ratio = r ? sizeRatio(r) : undefined;
    if (!ratio) return '';
    const text = cpu ? ` · CPU ${ratio.ratio.toFixed(2)}×` : `  ${ratio.ratio.toFixed(2)}× ${ratio.from}→${ratio.to}`;
    return `<tspan fill="${ratio.ratio <= flatTimeLimit ? colors.muted : colors.over}">${text}</tspan>`;
  };
  rows.forEach((r, i) => {
    const color = lineColors[i % lineColors.length] as string;
    const step = r.figure.slice(0, -suffix.length);
    const cpu = cpuOf(r);
    line(r, color, step, false);
    if (cpu) line(cpu, color, `${step}, CPU time`, true);
    const ly = plot.top + 8 + i * 24;
    out.push(`<line x1="${legendLeft}" y1="${ly}" x2="${legendLeft + 24}" y2="${ly}" stroke="${color}" stroke-width="3"/>`);
    out.push(`<text x="${legendLeft + 32}" y="${ly + 4}" font-size="12" fill="${colors.text}">${xml(clip(step, 40))}${growth(r, false)}${growth(cpu, true)}</text>`);
  });
  if (rows.length > 0) {
    const noteY = plot.top + 8 + rows.length * 24 + 10;
    out.push(`<text x="${legendLeft}" y="${noteY}" font-size="11" fill="${colors.muted}">solid: wall time; dashed: CPU time.</text>`);
    out.push(`<text x="${legendLeft}" y="${noteY + 16}" font-size="11" fill="${colors.muted}">ratio: largest size over smallest from 10k up;</text>`);
    out.push(`<text x="${legendLeft}" y="${noteY + 32}" font-size="11" fill="${colors.muted}">red when over the goal of ${flatTimeLimit}×</text>`);
  }
  out.push('</svg>', '');
  return out.join('\n');
}
