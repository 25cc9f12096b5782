// Writes a run's JSON, Markdown and SVG: a folder per run under the output directory, and optionally the
// committed copy in docs/bench.
import fs from 'node:fs/promises';
import path from 'node:path';
import { machineLine, renderMarkdown } from './report-markdown.ts';
import { renderSvg } from './report-svg.ts';
import type { BenchRun } from './result.ts';

/** Paths of the three files one write produced. */
export interface WrittenFiles {
  readonly json: string;
  readonly markdown: string;
  readonly svg: string;
}

/** Writes the three files into `dir` with the given base names. */
async function writeTrio(run: BenchRun, dir: string, names: { json: string; markdown: string; svg: string }): Promise<WrittenFiles> {
  await fs.mkdir(dir, { recursive: true });
  const subtitle = `${run.date} · ${machineLine(run)} · commit ${run.machine.gitCommit}`;
  const files = { json: path.join(dir, names.json), markdown: path.join(dir, names.markdown), svg: path.join(dir, names.svg) };
  await fs.writeFile(files.json, `${JSON.stringify(run, null, 2)}\n`);
  await fs.writeFile(files.markdown, renderMarkdown(run, names.svg));
  await fs.writeFile(files.svg, renderSvg(run, subtitle));
  return files;
}

/** Writes `result.json`, `report.md` and `throughput.svg` into a new folder `<outDir>/<date>-<size>/`. */
export function writeRunFolder(run: BenchRun, outDir: string): Promise<WrittenFiles> {
  const stamp = run.date.replace(/[:.]/g, '-');
  return writeTrio(run, path.join(outDir, `${stamp}-${run.size}`), { json: 'result.json', markdown: 'report.md', svg: 'throughput.svg' });
}

/** Writes `latest.json`, `latest.md` and `throughput.svg` into the docs folder. */
export function writeDocs(run: BenchRun, docsDir: string): Promise<WrittenFiles> {
  return writeTrio(run, docsDir, { json: 'latest.json', markdown: 'latest.md', svg: 'throughput.svg' });
}
