// Renders the scaling report as Markdown: per suite, each time, memory and size figure at every data size measured,
// how much it grew from the smallest size to the largest, and the run each column came from.
import { formatMiB, formatValue } from './format-number.ts';
import type { IgnoredResult } from './read-results.ts';
import { cell, machineLine } from './report-markdown.ts';
import { flatTimeLimit, rssLimitBytes, sizeRatio, type ScalingRow, type SuiteScaling } from './scaling-table.ts';

/** A value in the unit its kind is read in. */
function shown(row: ScalingRow, value: number): string {
  if (row.kind === 'time') return `${formatValue(value)} µs`;
  if (row.kind === 'rss') return formatMiB(value);
  return `${formatValue(value)} bytes`;
}

/** The highest value of a row at any size. */
function highest(row: ScalingRow): number {
  return Math.max(...Object.values(row.values));
}

/** The last column: growth from the smallest to the largest size, judged against the goal of its kind. */
function ratioNote(row: ScalingRow): string {
  const r = sizeRatio(row);
  const ratio = r ? `${r.ratio.toFixed(2)}× (${r.to} / ${r.from})` : '—';
  if (row.kind === 'time') return r ? `${ratio}: ${r.ratio <= flatTimeLimit ? 'within' : 'over'} ${flatTimeLimit}×` : ratio;
  if (row.kind === 'rss') return `${ratio}; peak ${formatMiB(highest(row))}: ${highest(row) < rssLimitBytes ? 'under' : 'over'} 500 MB`;
  return ratio;
}

/** One line a reader can take in at once: how many figures meet the two scaling goals. */
export function scalingGlance(tables: readonly SuiteScaling[]): string {
  const rows = tables.flatMap((t) => t.rows);
  const timed = rows.filter((r) => r.kind === 'time' && sizeRatio(r) !== undefined);
  const flat = timed.filter((r) => (sizeRatio(r)?.ratio ?? Infinity) <= flatTimeLimit).length;
  const rss = rows.filter((r) => r.kind === 'rss');
  const under = rss.filter((r) => highest(r) < rssLimitBytes).length;
  const time = timed.length === 0 ? 'no time per object measured at two sizes from 10k up' : `${flat} of ${timed.length} within ${flatTimeLimit}×`;
  return `Time per object: ${time}. Peak RSS: ${under} of ${rss.length} under 500 MB.`;
}

/** The table of one suite: a row per figure, a column per size, then the growth ratio; and where each column came from. */
function suiteSection(t: SuiteScaling): string[] {
  const lines = [
    `## ${t.suite}`,
    '',
    `| figure | ${t.sizes.join(' | ')} | largest / smallest size ratio |`,
    `| --- | ${t.sizes.map(() => '---:').join(' | ')} | --- |`,
  ];
  for (const row of t.rows) {
    const values = t.sizes.map((size) => {
      const v = row.values[size];
      return v === undefined ? '' : shown(row, v);
    });
    lines.push(`| ${cell(row.figure)} | ${values.join(' | ')} | ${ratioNote(row)} |`);
  }
  lines.push('', '| size | date | machine | commit | result |', '| --- | --- | --- | --- | --- |');
  for (const size of t.sizes) {
    const source = t.sources[size];
    if (!source) continue;
    const m = source.run.machine;
    const commit = `${m.gitCommit}${m.gitDirty ? ' (with uncommitted changes)' : ''}`;
    lines.push(`| ${size} | ${source.run.date} | ${cell(machineLine(source.run))} | ${cell(commit)} | ${cell(source.folder)} |`);
  }
  const commits = new Set(Object.values(t.sources).map((s) => s.run.machine.gitCommit));
  if (commits.size > 1) lines.push('', `These columns were measured on ${commits.size} different commits: a ratio mixes their changes with the growth in size.`);
  lines.push('');
  return lines;
}

/** The full scaling report; `chartFile` is linked as the picture at the top. */
export function renderScalingMarkdown(tables: readonly SuiteScaling[], ignored: readonly IgnoredResult[], chartFile: string): string {
  const lines = [
    '# IdSync benchmark — cost per object against data size',
    '',
    'Each column is the newest run at that size in which the suite succeeded. Goals: time per object at the largest',
    `size at most ${flatTimeLimit}× that at the smallest (from 10k up: at tiny, start-up costs dominate), and peak RSS under`,
    '500 MB at every size.',
    '',
    `**${scalingGlance(tables)}**`,
    '',
    `![Time per object against data size](${chartFile})`,
    '',
  ];
  if (tables.length === 0) lines.push('No run here reported time per object, peak RSS or bytes per source object.', '');
  for (const t of tables) lines.push(...suiteSection(t));
  if (ignored.length > 0) {
    lines.push('## Result files left out', '');
    for (const i of ignored) lines.push(`- \`${i.file}\`: ${i.reason.replace(/\r?\n/g, ' ')}`);
    lines.push('');
  }
  return lines.join('\n');
}
