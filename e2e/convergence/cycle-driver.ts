// Drives IdSync as an administrator does: `idsync config import`, then sync cycles, either with the CLI
// (`idsync --home DIR cycle --delta --json`) or through the API the console uses (cycle.start / cycle.list),
// and reads each cycle's run results (runs.list / runs.get) for its export counters and step statuses.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MethodName, RequestOf, ResponseOf } from '../../shared/api.ts';
import { ApiService } from '../../engine/service/service.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(repoRoot, 'bin', 'idsync');

/** `cli` spawns bin/idsync for each cycle; `api` calls the engine's API in this process (much faster). */
export type DriverMode = 'cli' | 'api';
export type Policy = 'Delta' | 'Initial';

/** Step statuses that mean the step did its job (a transient object is a DN handed over within one import). */
const FINE = new Set(['success', 'completed-no-objects', 'completed-warnings', 'completed-transient-objects']);
const CYCLE_LIMIT_MS = 10 * 60_000;

export interface CycleResult {
  readonly policy: Policy;
  readonly via: DriverMode;
  readonly result: string;
  readonly steps: readonly { readonly connector: string; readonly step: string; readonly status: string }[];
  /** export-* counters of the cycle's export steps, by connector (only non-zero ones). */
  readonly exports: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Steps that did not end well, with their error counts. */
  readonly problems: readonly string[];
  /** A few of the exported objects per connector and counter (`export-update cn=…: member, manager`). */
  readonly exported: readonly string[];
  readonly ms: number;
}

interface CycleRecord {
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly result: string;
  readonly steps: readonly { readonly connectorName: string; readonly step: string; readonly status: string }[];
}

export class CycleDriver {
  private constructor(
    private readonly home: string,
    readonly mode: DriverMode,
    private readonly service: ApiService,
  ) {}

  /** A driver on the data directory `home`. */
  static open(home: string, mode: DriverMode): CycleDriver {
    return new CycleDriver(home, mode, new ApiService({ home, host: 'cli' }));
  }

  /** Runs the CLI with the data directory; returns stdout. */
  async cli(args: readonly string[]): Promise<string> {
    try {
      const { stdout } = await run(process.execPath, [CLI, '--home', this.home, ...args], { maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; code?: number };
      // `cycle` exits 1 when a step did not succeed; its JSON report is still on stdout.
      if (e.stdout && e.stdout.trim().startsWith('{')) return e.stdout;
      throw new Error(`idsync ${args.join(' ')} failed (exit ${e.code}): ${(e.stderr ?? '').slice(0, 800)}`);
    }
  }

  /** `idsync config import FILE`: refuses the test when the configuration is refused. */
  async importConfig(file: string): Promise<void> {
    const out = JSON.parse(await this.cli(['config', 'import', file, '--json'])) as { ok: boolean; problems?: { path: string; message: string }[] };
    if (!out.ok) throw new Error(`the configuration was refused: ${(out.problems ?? []).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }

  /** Runs one cycle and collects its results. */
  async cycle(policy: Policy, via: DriverMode = this.mode): Promise<CycleResult> {
    const t0 = performance.now();
    const record = via === 'cli' ? (JSON.parse(await this.cli(['cycle', policy === 'Initial' ? '--initial' : '--delta', '--json'])) as CycleRecord) : await this.apiCycle(policy);
    const ms = performance.now() - t0;
    const exports: Record<string, Record<string, number>> = {};
    const problems: string[] = [];
    const exported: string[] = [];
    for (const summary of await this.runsOf(record)) {
      const detail = await this.call('runs.get', { runId: summary.id });
      for (const s of detail.steps) {
        if (s.type === 'export') {
          for (const [counter, n] of Object.entries(s.counters)) {
            if (!counter.startsWith('export-') || n === 0) continue;
            (exports[detail.connector] ??= {})[counter] = n;
            exported.push(...(await this.samples(detail.id, s.step, counter)).map((x) => `${detail.connector} ${x}`));
          }
        }
        if (!FINE.has(s.status)) {
          const errors = Object.entries(s.errors).map(([code, n]) => `${code} ×${n}`).join(', ');
          problems.push(`${detail.connector} ${s.type}: ${s.status}${errors ? ` (${errors})` : ''}${s.message ? ` — ${s.message}` : ''}`);
        }
      }
    }
    return {
      policy, via, result: record.result, ms, exports, problems, exported,
      steps: record.steps.map((s) => ({ connector: s.connectorName, step: s.step, status: s.status })),
    };
  }

  /** Up to two objects behind an export counter, with the attributes sent. */
  private async samples(runId: string, step: number, counter: string): Promise<string[]> {
    const page = await this.call('runs.objects', { runId, step, counter, limit: 2 });
    const out: string[] = [];
    for (const o of page.items) {
      const snap = await this.call('runs.objectSnapshot', { recordId: o.id });
      out.push(`${counter} ${o.dn}${snap.attributes ? `: ${Object.keys(snap.attributes).join(', ')}` : ''}`);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.service.close();
  }

  private call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
    return this.service.dispatch(method, request);
  }

  private async apiCycle(policy: Policy): Promise<CycleRecord> {
    const before = (await this.call('cycle.list', {})).length;
    await this.call('cycle.start', { policy });
    const deadline = Date.now() + CYCLE_LIMIT_MS;
    for (;;) {
      const list = await this.call('cycle.list', {});
      if (list.length > before && list[0].endedAt !== null) return list[0];
      if (Date.now() > deadline) throw new Error(`the ${policy} cycle did not end within ${CYCLE_LIMIT_MS / 60_000} minutes`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The runs a cycle started (newest first in the history; a cycle starts far fewer than 500). */
  private async runsOf(record: CycleRecord) {
    const page = await this.call('runs.list', { limit: 500 });
    return page.items.filter((r) => r.startedAt >= record.startedAt && (record.endedAt === null || r.startedAt <= record.endedAt));
  }
}
