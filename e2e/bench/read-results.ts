// Reads back the runs an output directory holds (`<dir>/<date>-<size>/result.json`), so reports can span runs.
import fs from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from './figures.ts';
import { benchRunSchema, type BenchRun } from './result.ts';

/** One run read back, with the folder it came from (relative to the directory read). */
export interface StoredRun {
  readonly folder: string;
  readonly run: BenchRun;
}

/** A result file that could not be used, and why. */
export interface IgnoredResult {
  readonly file: string;
  readonly reason: string;
}

/** Everything found in one output directory. */
export interface StoredRuns {
  readonly runs: readonly StoredRun[];
  readonly ignored: readonly IgnoredResult[];
}

/** Parses one result file; an unreadable or malformed file becomes the reason it was ignored. */
async function readRun(file: string): Promise<BenchRun | string> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    return messageOf(err);
  }
  const parsed = benchRunSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`;
}

/** Reads every `<folder>/result.json` directly below `dir`; throws when `dir` cannot be listed. */
export async function readStoredRuns(dir: string): Promise<StoredRuns> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const runs: StoredRun[] = [];
  const ignored: IgnoredResult[] = [];
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, e.name, 'result.json');
    if (!(await fs.stat(file).catch(() => undefined))?.isFile()) continue;
    const run = await readRun(file);
    if (typeof run === 'string') ignored.push({ file: path.join(e.name, 'result.json'), reason: run });
    else runs.push({ folder: e.name, run });
  }
  return { runs, ignored };
}
