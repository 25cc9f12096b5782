// `--csv FILE` of the search and list commands: the engine writes every row (not only one page) to its exports
// folder with progress on stderr, then the file is moved to FILE. Ctrl-C cancels and removes the partial file.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportColumn, ExportSource, ExportStatus } from '../../../shared/model/grid-export.ts';
import { CliError } from '../output.ts';
import type { Call, Listener } from './with-engine-service.ts';

/** Writes the rows of `source` to `file` as CSV; resolves with the final status (file = the destination). */
export async function exportCsv(call: Call, listen: (l: Listener) => void, source: ExportSource, columns: readonly ExportColumn[], file: string, quiet: boolean): Promise<ExportStatus> {
  let exportId = '';
  let finished: ((s: ExportStatus) => void) | null = null;
  const done = new Promise<ExportStatus>((resolve) => (finished = resolve));
  listen((event, payload) => {
    if (event !== 'export.progress') return;
    const s = payload as ExportStatus;
    if (s.exportId !== exportId) return;
    if (!quiet && s.state === 'running') process.stderr.write(`exported ${s.done} of ${s.total} rows\n`);
    if (s.state !== 'running') finished?.(s);
  });
  const started = await call('exports.start', { source, columns: [...columns], name: path.basename(file, path.extname(file)) });
  exportId = started.exportId;
  const onSigint = () => void call('exports.cancel', { exportId }).catch(() => {});
  process.once('SIGINT', onSigint);
  // The export may have ended before its id was known here.
  const now = await call('exports.get', { exportId });
  const final = now.state === 'running' ? await done : now;
  process.off('SIGINT', onSigint);
  if (final.state === 'cancelled') throw new CliError(`Export cancelled after ${final.done} rows; nothing was written to ${file}`, 130);
  if (final.state === 'failed') throw new CliError(`Export failed: ${final.error ?? 'unknown error'}`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  try {
    fs.renameSync(final.file, file);
  } catch {
    // Another file system: copy, then remove the engine's copy.
    fs.copyFileSync(final.file, file);
    fs.rmSync(final.file, { force: true });
  }
  return { ...final, file: path.resolve(file) };
}

/** Attribute columns given with --column, as export columns. */
export function attributeColumns(names: readonly string[]): ExportColumn[] {
  return names.map((n) => ({ field: `attr:${n}`, header: n }));
}

/** Repeatable option collector for commander. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
