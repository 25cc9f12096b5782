// Run history: runs, steps with counters, and per-object records with a snapshot of the object at run time. Records
// are compact: counter, connector and object type names are ids in the store's name dictionary, and a record refers
// to its object for the DN and snapshot the object still holds (run-snapshots.ts).
import type { SqlDatabase } from './sql/sql-database.ts';
import type { RunStatus } from '../../shared/model/runs.ts';
import type { StepType } from '../../shared/model/connectors.ts';
import type { StoredAttributes } from '../model/stored-values.ts';
import { fromJson, nowIso } from './json-column.ts';
import { isoOf } from './time-column.ts';
import type { StoreNames } from './store-names.ts';
import type { RunSnapshots } from './run-snapshots.ts';
import { processAlive } from '../model/process-alive.ts';

export interface RunRow {
  id: number; connector: number; connectorName: string; profile: string; status: RunStatus; startedAt: string; endedAt: string | null; startedBy: string;
}

/** Counters of a step: flat counters, outbound counters per target connector, and error counts. */
export interface StepCounters {
  counters: Record<string, number>;
  outbound: Record<string, Record<string, number>>;
  errors: Record<string, number>;
}

export interface StepRow {
  runId: number; step: number; type: StepType; partition: string | null; status: RunStatus; startedAt: string; endedAt: string | null;
  counters: StepCounters; message: string | null;
}

/** One per-object record of a step. */
export interface RunObjectWrite {
  counter: string;
  target?: string | null;
  csId: number | null;
  mvId?: number | null;
  dn: string;
  objectType: string;
  error?: { code: string; message: string; detail?: string } | null;
  snapshot?: StoredAttributes | null;
}

export interface RunObjectRow extends RunObjectWrite {
  id: number; runId: number; step: number; at: string;
}

/** A stored record, with what it leaves out: its time (run_times) and what its object holds. */
interface RecordRow {
  id: number; run_id: number; step: number; counter: number; cs_id: number | null; mv_id: number | null; dn: string | null;
  object_type: number; error: string | null; snapshot: Buffer | null; snap_ref: number | null; at: number | null;
  cs_dn: string | null; cs_mv: number | null; cs_type: number | null;
}

/**
 * Record columns with what the records leave out: the time of the batch that wrote them (run_times: a step's records
 * from `first_id` on were written at `at`), and the DN, metaverse id and type their object holds (NULL DN, id or type 0).
 */
const RECORD_SELECT = `SELECT r.*, c.dn AS cs_dn, c.mv_id AS cs_mv, c.object_type AS cs_type,
  (SELECT t.at FROM run_times t WHERE t.run_id = r.run_id AND t.step = r.step AND t.first_id <= r.id ORDER BY t.first_id DESC LIMIT 1) AS at
  FROM run_objects r LEFT JOIN cs_objects c ON c.id = r.cs_id`;

const INSERT_RECORD = 'INSERT INTO run_objects (run_id, step, counter, cs_id, mv_id, dn, object_type, error, snapshot, snap_ref) VALUES (?,?,?,?,?,?,?,?,?,?)';

/** Separates a counter from its target connector in the one name a record keeps for both. */
const TARGET_SEPARATOR = '\u001f';

/** The name of a counter of a target connector (the counter alone for inbound counters and errors). */
export function counterName(counter: string, target: string | null | undefined): string {
  return target ? `${counter}${TARGET_SEPARATOR}${target}` : counter;
}

/** Store functions for run history. */
export class RunStore {
  private readonly stmts;

  constructor(
    private readonly db: SqlDatabase,
    private readonly names: StoreNames,
    private readonly snapshots: RunSnapshots,
  ) {
    this.stmts = {
      // Only a batch's first record needs its id back (for run_times); the rest are written without waiting on a server.
      insertFirst: db.prepare(`${INSERT_RECORD} RETURNING id`).pluck(),
      insert: db.prepare(INSERT_RECORD),
      time: db.prepare('INSERT INTO run_times (run_id, step, first_id, at) VALUES (?,?,?,?)'),
    };
  }

  /** Creates a run in progress; returns its id. */
  createRun(connector: number, connectorName: string, profile: string, startedBy: string): number {
    return this.db
      .prepare("INSERT INTO runs (connector, connector_name, profile, status, started_at, started_by, pid) VALUES (?,?,?,'in-progress',?,?,?) RETURNING id")
      .pluck()
      .get(connector, connectorName, profile, nowIso(), startedBy, process.pid) as number;
  }

  /** Ends a run with its aggregated status. */
  finishRun(runId: number, status: RunStatus): void {
    this.db.prepare('UPDATE runs SET status = ?, ended_at = ? WHERE id = ?').run(status, nowIso(), runId);
  }

  /** Creates a step in progress. */
  createStep(runId: number, step: number, type: StepType, partition: string | null): void {
    const now = nowIso();
    this.db
      .prepare("INSERT INTO run_steps (run_id, step, type, partition, status, started_at, counters) VALUES (?,?,?,?,'in-progress',?,?)")
      .run(runId, step, type, partition, now, JSON.stringify({ counters: {}, outbound: {}, errors: {} }));
    this.progressed(runId, now);
  }

  /** Saves a step's counters (inside each batch transaction, so they match the committed data). */
  saveCounters(runId: number, step: number, counters: StepCounters, message: string | null = null): void {
    this.db.prepare('UPDATE run_steps SET counters = ?, message = coalesce(?, message) WHERE run_id = ? AND step = ?').run(JSON.stringify(counters), message, runId, step);
    this.progressed(runId, nowIso());
  }

  /** Ends a step. */
  finishStep(runId: number, step: number, status: RunStatus, counters: StepCounters, message: string | null): void {
    const now = nowIso();
    this.db
      .prepare('UPDATE run_steps SET status = ?, ended_at = ?, counters = ?, message = coalesce(?, message) WHERE run_id = ? AND step = ?')
      .run(status, now, JSON.stringify(counters), message, runId, step);
    this.progressed(runId, now);
  }

  /** Records that a run made progress (each committed batch), for a run whose process is killed afterwards. */
  private progressed(runId: number, at: string): void {
    this.db.prepare('UPDATE runs SET progress_at = ? WHERE id = ?').run(at, runId);
  }

  /**
   * Appends per-object records of a step (after the batch wrote its objects): a record leaves out the DN and the
   * snapshot its object holds now (see run-snapshots.ts).
   */
  addObjects(runId: number, step: number, records: readonly RunObjectWrite[]): void {
    if (!records.length) return;
    const batch = this.snapshots.readBatch(records.flatMap((r) => (r.csId === null ? [] : [r.csId])));
    records.forEach((r, i) => {
      const o = r.csId === null ? undefined : batch.objects.get(r.csId);
      const placed = r.snapshot ? this.snapshots.place(o ? r.csId : null, r.snapshot, o, batch) : null;
      const type = this.names.id(r.objectType);
      const mvId = r.mvId ?? null;
      const values = [
        runId, step, this.names.id(counterName(r.counter, r.target)), r.csId, o && o.mv_id === mvId ? 0 : mvId, o && o.dn === r.dn ? null : r.dn,
        o && o.object_type === type ? 0 : type, r.error ? JSON.stringify(r.error) : null, placed?.copy ?? null, placed?.ref ?? null,
      ];
      if (i > 0) this.stmts.insert.run(...values);
      else this.stmts.time.run(runId, step, this.stmts.insertFirst.get(...values) as number, Date.now());
    });
  }

  private toRun(r: Record<string, unknown>): RunRow {
    return {
      id: r.id as number, connector: r.connector as number, connectorName: r.connector_name as string, profile: r.profile as string,
      status: r.status as RunStatus, startedAt: r.started_at as string, endedAt: (r.ended_at as string) ?? null, startedBy: r.started_by as string,
    };
  }

  /** One run. */
  getRun(runId: number): RunRow | null {
    const r = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as Record<string, unknown> | undefined;
    return r ? this.toRun(r) : null;
  }

  /** The steps of a run. */
  steps(runId: number): StepRow[] {
    return (this.db.prepare('SELECT * FROM run_steps WHERE run_id = ? ORDER BY step').all(runId) as Record<string, unknown>[]).map((r) => ({
      runId: r.run_id as number, step: r.step as number, type: r.type as StepType, partition: (r.partition as string) ?? null,
      status: r.status as RunStatus, startedAt: r.started_at as string, endedAt: (r.ended_at as string) ?? null,
      counters: fromJson<StepCounters>(r.counters as string, { counters: {}, outbound: {}, errors: {} }), message: (r.message as string) ?? null,
    }));
  }

  /** Runs newest first, filtered by connector and status, paged by id. */
  list(filter: { connector?: number; statuses?: readonly string[] }, cursor: string | null, limit: number): { items: RunRow[]; total: number; nextCursor: string | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.connector !== undefined) {
      where.push('connector = ?');
      params.push(filter.connector);
    }
    if (filter.statuses?.length) {
      where.push(`status IN (${filter.statuses.map(() => '?').join(',')})`);
      params.push(...filter.statuses);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM runs ${clause}`).get(...params) as { n: number }).n;
    const before = cursor ? Number(cursor) : Number.MAX_SAFE_INTEGER;
    const rows = this.db
      .prepare(`SELECT * FROM runs ${clause ? `${clause} AND` : 'WHERE'} id < ? ORDER BY id DESC LIMIT ?`)
      .all(...params, before, limit + 1) as Record<string, unknown>[];
    const items = rows.slice(0, limit).map((r) => this.toRun(r));
    return { items, total, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  /** The latest run of a connector. */
  latest(connector: number): RunRow | null {
    const r = this.db.prepare('SELECT * FROM runs WHERE connector = ? ORDER BY id DESC LIMIT 1').get(connector) as Record<string, unknown> | undefined;
    return r ? this.toRun(r) : null;
  }

  private toObject(r: RecordRow): RunObjectRow {
    const [counter, target] = this.names.name(r.counter).split(TARGET_SEPARATOR);
    return {
      id: r.id, runId: r.run_id, step: r.step, counter, target: target ?? null,
      csId: r.cs_id, mvId: r.mv_id === 0 ? r.cs_mv : r.mv_id, dn: r.dn ?? r.cs_dn ?? '', objectType: this.names.name(r.object_type === 0 ? r.cs_type! : r.object_type), error: fromJson(r.error, null),
      snapshot: this.snapshots.resolve(r), at: isoOf(r.at) ?? '',
    };
  }

  /** The records of one counter of a step (cursor = last record id). */
  objects(runId: number, step: number, counter: string, target: string | null, cursor: string | null, limit: number): { items: RunObjectRow[]; total: number; nextCursor: string | null } {
    // Inbound and outbound counters share names (connector-flow): no target means the inbound ones.
    const counterId = this.names.existingId(counterName(counter, target));
    if (counterId === undefined) return { items: [], total: 0, nextCursor: null };
    const params: unknown[] = [runId, step, counterId];
    const total = (this.db.prepare('SELECT count(*) AS n FROM run_objects WHERE run_id = ? AND step = ? AND counter = ?').get(...params) as { n: number }).n;
    const rows = this.db
      .prepare(`${RECORD_SELECT} WHERE r.run_id = ? AND r.step = ? AND r.counter = ? AND r.id > ? ORDER BY r.id LIMIT ?`)
      .all(...params, cursor ? Number(cursor) : 0, limit + 1) as RecordRow[];
    const items = rows.slice(0, limit).map((r) => this.toObject(r));
    return { items, total, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }

  /** One record. */
  object(id: number): RunObjectRow | null {
    const r = this.db.prepare(`${RECORD_SELECT} WHERE r.id = ?`).get(id) as RecordRow | undefined;
    return r ? this.toObject(r) : null;
  }

  /** The latest records about one CS object. */
  objectLog(csId: number, limit: number): RunObjectRow[] {
    return (this.db.prepare(`${RECORD_SELECT} WHERE r.cs_id = ? ORDER BY r.id DESC LIMIT ?`).all(csId, limit) as RecordRow[]).map((r) => this.toObject(r));
  }

  /** Deletes runs that ended before `before` (every finished run when undefined). */
  clear(before: string | undefined): number {
    const ids = (
      (before === undefined
        ? this.db.prepare("SELECT id FROM runs WHERE status <> 'in-progress'").all()
        : this.db.prepare("SELECT id FROM runs WHERE status <> 'in-progress' AND coalesce(ended_at, started_at) < ?").all(before)) as { id: number }[]
    ).map((r) => r.id);
    for (const id of ids) {
      this.db.prepare('DELETE FROM run_objects WHERE run_id = ?').run(id);
      this.db.prepare('DELETE FROM run_times WHERE run_id = ?').run(id);
      this.db.prepare('DELETE FROM run_steps WHERE run_id = ?').run(id);
      this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
    }
    return ids.length;
  }

  /** A run of the connector in progress in a live process (this one or another), or null. */
  activeFor(connector: number): RunRow | null {
    const rows = this.db.prepare("SELECT * FROM runs WHERE connector = ? AND status = 'in-progress'").all(connector) as Record<string, unknown>[];
    const live = rows.find((r) => processAlive(r.pid as number));
    return live ? this.toRun(live) : null;
  }

  /**
   * Closes runs left in progress by a process that no longer exists (killed mid-run): they end when they last
   * made progress, and the step that was running (else the last one) says the process ended unexpectedly.
   */
  closeAbandoned(): number {
    const rows = this.db.prepare("SELECT id, pid, started_at, progress_at FROM runs WHERE status = 'in-progress'").all() as {
      id: number; pid: number; started_at: string; progress_at: string | null;
    }[];
    let n = 0;
    for (const r of rows) {
      if (r.pid === process.pid || processAlive(r.pid)) continue;
      const endedAt = r.progress_at ?? r.started_at;
      const message = `The process ended unexpectedly (process ${r.pid} was killed or crashed); last progress at ${endedAt}. Work committed until then is kept; run the profile again to finish.`;
      this.db.transaction(() => {
        const open = this.db.prepare("UPDATE run_steps SET status = 'stopped-database-connection-lost', ended_at = ?, message = ? WHERE run_id = ? AND status = 'in-progress'").run(endedAt, message, r.id);
        if (open.changes === 0) {
          this.db
            .prepare("UPDATE run_steps SET message = coalesce(message || ' ', '') || ? WHERE run_id = ? AND step = (SELECT max(step) FROM run_steps WHERE run_id = ?)")
            .run(message, r.id, r.id);
        }
        this.db.prepare("UPDATE runs SET status = 'stopped-database-connection-lost', ended_at = ? WHERE id = ?").run(endedAt, r.id);
      })();
      n++;
    }
    return n;
  }
}
