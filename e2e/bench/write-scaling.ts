// Writes the scaling report of an output directory — `scaling.md` and `scaling.svg` beside its run folders — and
// optionally the committed copy in docs/bench.
import fs from 'node:fs/promises';
import path from 'node:path';
import { readStoredRuns } from './read-results.ts';
import { renderScalingMarkdown } from './scaling-report.ts';
import { renderScalingSvg } from './scaling-svg.ts';
import { buildScaling, type SuiteScaling } from './scaling-table.ts';

/** What one scaling write produced. */
export interface WrittenScaling {
  readonly tables: readonly SuiteScaling[];
  /** Every file written: the report and chart in the output directory, then in the docs folder if asked. */
  readonly files: readonly string[];
}

/** Builds the report from the runs in `outDir` and writes it there (and into `docsDir` when given). */
export async function writeScaling(outDir: string, docsDir?: string): Promise<WrittenScaling> {
  const { runs, ignored } = await readStoredRuns(outDir);
  if (runs.length === 0) {
    const why = ignored.length > 0 ? `; left out: ${ignored.map((i) => `${i.file} (${i.reason})`).join(', ')}` : '';
    throw new Error(`no readable <run>/result.json in ${outDir}${why}`);
  }
  const tables = buildScaling(runs);
  const markdown = renderScalingMarkdown(tables, ignored, 'scaling.svg');
  const svg = renderScalingSvg(tables);
  const files: string[] = [];
  for (const dir of docsDir === undefined ? [outDir] : [outDir, docsDir]) {
    await fs.mkdir(dir, { recursive: true });
    files.push(path.join(dir, 'scaling.md'), path.join(dir, 'scaling.svg'));
    await fs.writeFile(path.join(dir, 'scaling.md'), markdown);
    await fs.writeFile(path.join(dir, 'scaling.svg'), svg);
  }
  return { tables, files };
}
