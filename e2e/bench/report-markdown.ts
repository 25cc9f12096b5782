// Renders a run as Markdown: what ran where, the chart, each suite's status, and every figure against its goal.
import { formatMiB, formatSeconds, formatValue } from './format-number.ts';
import type { BenchRun } from './result.ts';

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Short machine line, e.g. "2 × Intel Xeon, 23.4 GiB, Linux 6.1 x64, node v20.20.2, engine heap cap 256 MB". */
export function machineLine(run: BenchRun): string {
  const m = run.machine;
  const gib = (m.memoryBytes / 1024 ** 3).toFixed(1);
  const heap = m.heapCapMb === undefined ? '' : m.heapCapMb === 0 ? ', engine heap not capped' : `, engine heap cap ${m.heapCapMb} MB`;
  return `${m.cpuCount} × ${m.cpuModel}, ${gib} GiB RAM, ${m.os}, node ${m.node}${heap}`;
}

/** One line a reader can take in at once: how many suites ran and how many goals were met. */
export function glance(run: BenchRun): string {
  const count = (status: string) => run.suites.filter((s) => s.status === status).length;
  const goals = run.suites.flatMap((s) => s.figures).filter((f) => f.goalMet !== undefined);
  const met = goals.filter((f) => f.goalMet).length;
  const goalText = goals.length === 0 ? 'No goals measured.' : `Goals: ${met} of ${goals.length} met.`;
  return `Suites: ${count('ok')} ran, ${count('failed')} failed, ${count('skipped')} skipped. ${goalText}`;
}

/** The full Markdown report; `chartFile` is linked as the picture at the top. */
export function renderMarkdown(run: BenchRun, chartFile: string): string {
  const m = run.machine;
  const lines: string[] = [
    `# IdSync benchmark — size ${run.size} (${run.count.toLocaleString('en-US')} users)`,
    '',
    `- Date: ${run.date}`,
    `- Machine: ${machineLine(run)}`,
    `- Commit: ${m.gitCommit}${m.gitDirty ? ' (with uncommitted changes)' : ''}`,
    `- Total time: ${formatSeconds(run.durationMs)}`,
    '',
    `**${glance(run)}**`,
    '',
    `![Throughput against floor](${chartFile})`,
    '',
    '## Suites',
    '',
    '| suite | status | time | peak RSS | note |',
    '| --- | --- | ---: | ---: | --- |',
  ];
  for (const s of run.suites) {
    const time = s.status === 'skipped' ? '' : formatSeconds(s.durationMs);
    const rss = s.status === 'skipped' ? '' : formatMiB(s.peakRssBytes);
    lines.push(`| ${cell(s.name)} | ${s.status} | ${time} | ${rss} | ${cell(s.reason ?? s.description)} |`);
  }
  lines.push('', '## Figures', '');
  const rows = run.suites.flatMap((s) => s.figures.map((f) => ({ suite: s.name, f })));
  if (rows.length === 0) {
    lines.push('No figures were measured in this run.');
  } else {
    lines.push('| suite | figure | value | unit | floor | ratio | goal | met? |', '| --- | --- | ---: | --- | --- | ---: | --- | --- |');
    for (const { suite, f } of rows) {
      const floor = f.floor ? `${f.floor.name}: ${formatValue(f.floor.value)} ${f.floor.unit}` : '';
      const ratio = f.ratio === undefined ? '' : formatValue(f.ratio);
      const met = f.goalMet === undefined ? '' : f.goalMet ? 'yes' : 'no';
      lines.push(
        `| ${cell(suite)} | ${cell(f.name)} | ${formatValue(f.value)} | ${cell(f.unit)} | ${cell(floor)} | ${ratio} | ${cell(f.goal ?? '')} | ${met} |`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}
