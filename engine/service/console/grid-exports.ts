// Grid exports run by the engine: rows streamed to a CSV file under the data directory page by page, with
// progress events, Cancel (the partial file is removed), and reading the finished file back in pieces.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { ExportStartRequest, ExportStatus } from '../../../shared/model/grid-export.ts';
import { defuseFormula } from '../../../shared/model/value-text.ts';
import type { ServiceContext } from '../context.ts';
import { ApiError } from '../api-error.ts';
import { rowPager } from './export-rows.ts';

interface Job {
  status: ExportStatus;
  cancelled: boolean;
}

/** How many finished exports are remembered (their files stay on disk). */
const KEEP = 20;
/** The least time between two progress events of one export. */
const PROGRESS_EVERY_MS = 200;

function fileBase(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
}

function csvLines(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((r) => r.map(defuseFormula)), { record_delimiter: '\r\n' });
}

/** The exports of one service. */
export class GridExports {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly ctx: ServiceContext) {}

  /** Starts writing the rows; returns at once with the job's first status. */
  start(request: z.output<typeof ExportStartRequest>): ExportStatus {
    const pager = rowPager(this.ctx.engine(), request.source, request.columns);
    const dir = path.join(this.ctx.home, 'exports');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
    const exportId = crypto.randomBytes(8).toString('hex');
    const file = path.join(dir, `${fileBase(request.name)}-${stamp}-${exportId.slice(0, 6)}.csv`);
    const job: Job = { status: { exportId, file, state: 'running', done: 0, total: pager.total, bytes: 0, error: null }, cancelled: false };
    this.jobs.set(exportId, job);
    this.forgetOld();
    void this.write(job, pager, request.columns.map((c) => c.header));
    return { ...job.status };
  }

  private async write(job: Job, pager: ReturnType<typeof rowPager>, headers: readonly string[]): Promise<void> {
    const fd = fs.openSync(job.status.file, 'w');
    let lastEmit = 0;
    const put = (text: string) => {
      const buf = Buffer.from(text, 'utf8');
      fs.writeSync(fd, buf);
      job.status.bytes += buf.length;
    };
    try {
      // A byte-order mark lets spreadsheet programs read the UTF-8 file correctly.
      put(`\uFEFF${csvLines([headers])}`);
      for (;;) {
        // Yield between pages, so calls (Cancel among them) and events are served while a big export runs.
        await new Promise((r) => setImmediate(r));
        if (job.cancelled) break;
        const rows = pager.next();
        if (rows === null) break;
        if (rows.length) put(csvLines(rows));
        job.status.done += rows.length;
        if (Date.now() - lastEmit >= PROGRESS_EVERY_MS) {
          lastEmit = Date.now();
          this.ctx.emit('export.progress', { ...job.status });
        }
      }
      fs.closeSync(fd);
      if (job.cancelled) {
        fs.rmSync(job.status.file, { force: true });
        job.status.state = 'cancelled';
      } else {
        // Rows filtered out while writing (metaverse clauses) can make the first count an estimate.
        job.status.total = job.status.done;
        job.status.state = 'done';
      }
    } catch (err) {
      fs.closeSync(fd);
      fs.rmSync(job.status.file, { force: true });
      job.status.state = 'failed';
      job.status.error = err instanceof Error ? err.message : String(err);
      this.ctx.log('error', 'export', `${path.basename(job.status.file)}: ${job.status.error}`);
    }
    this.ctx.emit('export.progress', { ...job.status });
  }

  private job(exportId: string): Job {
    const job = this.jobs.get(exportId);
    if (!job) throw new ApiError('not-found', `No export ${exportId}`);
    return job;
  }

  /** The status of an export. */
  get(exportId: string): ExportStatus {
    return { ...this.job(exportId).status };
  }

  /** Asks a running export to stop; its partial file is removed. */
  cancel(exportId: string): ExportStatus {
    const job = this.job(exportId);
    if (job.status.state === 'running') job.cancelled = true;
    return { ...job.status };
  }

  /** A piece of a finished file, cut after a line end so every piece decodes on its own. */
  read(exportId: string, offset: number, length: number): { text: string; nextOffset: number | null; size: number } {
    const job = this.job(exportId);
    if (job.status.state !== 'done') throw new ApiError('export-not-ready', `Export ${exportId} is ${job.status.state}, not done`);
    const size = fs.statSync(job.status.file).size;
    const fd = fs.openSync(job.status.file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(length, Math.max(0, size - offset)));
      const read = fs.readSync(fd, buf, 0, buf.length, offset);
      let used = read;
      if (offset + read < size) {
        const nl = buf.lastIndexOf(0x0a, read - 1);
        if (nl < 0) throw new ApiError('invalid-request', `A line of ${job.status.file} is longer than ${length} bytes; read bigger pieces`);
        used = nl + 1;
      }
      return { text: buf.subarray(0, used).toString('utf8'), nextOffset: offset + used < size ? offset + used : null, size };
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Stops every running export (service shutdown). */
  close(): void {
    for (const job of this.jobs.values()) job.cancelled = true;
  }

  private forgetOld(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP))) this.jobs.delete(id);
  }
}
