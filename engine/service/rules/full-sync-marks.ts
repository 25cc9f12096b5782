// "Full synchronization required": a rule change marks the connectors whose objects it re-evaluates, as Entra
// Connect does. The mark is the scheduler's per-connector override (scheduler.json), so the next cycle runs a full
// synchronization there and clears it; `full-sync-marks.json` keeps when and why, so a full synchronization run
// by hand after the change clears it too.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FullSyncMark } from '../../../shared/model/rules-editor.ts';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { SettingsFile } from '../../scheduler/settings-file.ts';
import type { Store } from '../../store/store.ts';
import { resolveRuleConnector } from '../../rules/rule-set.ts';

export const MARKS_FILE = 'full-sync-marks.json';
const MAX_REASONS = 20;
const COMPLETED = /^(success|completed)/;

const Mark = z.object({ markedAt: z.string(), reasons: z.array(z.string()) });
type Mark = z.infer<typeof Mark>;

/**
 * The connectors a rule touches: an inbound rule its own connector; an outbound rule its target connector and the
 * connectors whose inbound rules feed its metaverse object type (objects coming into scope are provisioned when
 * those are synchronized).
 */
export function affectedConnectors(store: Store, rules: readonly (SyncRule | null | undefined)[]): { id: string; name: string }[] {
  const connectors = store.connectors.list().map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
  const all = store.rules.list().map((r) => r.rule);
  const out = new Map<string, { id: string; name: string }>();
  const add = (r: SyncRule) => {
    const c = resolveRuleConnector(r, connectors);
    if (c) out.set(c.id, { id: c.id, name: c.name });
  };
  for (const rule of rules) {
    if (!rule) continue;
    add(rule);
    if (rule.direction !== 'Outbound') continue;
    const mvType = rule.sourceObjectType.toLowerCase();
    for (const r of all) if (r.direction === 'Inbound' && !r.disabled && (r.targetObjectType.toLowerCase() === mvType || r.targetObjectType === '*')) add(r);
  }
  return [...out.values()];
}

/** The marks of one data directory. */
export class FullSyncMarks {
  private readonly file: string;
  private readonly settings: SettingsFile;

  constructor(home: string) {
    this.file = path.join(home, MARKS_FILE);
    this.settings = new SettingsFile(home);
  }

  /** Marks connectors "full synchronization required" for a reason; returns their names. */
  mark(connectors: readonly { id: string; name: string }[], reason: string, now = new Date()): string[] {
    if (connectors.length === 0) return [];
    const ids = new Set(connectors.map((c) => c.id));
    this.settings.update((s) => {
      const overrides = { ...s.connectorOverrides };
      for (const id of ids) overrides[id] = { fullImportRequired: overrides[id]?.fullImportRequired ?? false, fullSyncRequired: true };
      return { ...s, connectorOverrides: overrides };
    });
    const marks = this.read();
    for (const id of ids) {
      const prev = marks[id];
      marks[id] = { markedAt: now.toISOString(), reasons: [...(prev?.reasons ?? []), reason].slice(-MAX_REASONS) };
    }
    this.write(marks);
    return connectors.map((c) => c.name);
  }

  /**
   * Every connector that must run a full synchronization (or a full import), and why. A mark whose connector completed a full
   * synchronization after it was set is cleared here; one the scheduler honoured is dropped.
   */
  list(store: Store): FullSyncMark[] {
    const overrides = this.settings.load().connectorOverrides;
    const marks = this.read();
    let changed = false;
    const cleared: string[] = [];
    const out: FullSyncMark[] = [];
    for (const c of store.connectors.list()) {
      const o = overrides[c.id];
      const m = marks[c.id];
      if (m && !o?.fullSyncRequired) {
        // The scheduler's cycle honoured (and cleared) the override.
        delete marks[c.id];
        changed = true;
        continue;
      }
      if (!o || (!o.fullSyncRequired && !o.fullImportRequired)) continue;
      if (!o.fullSyncRequired) {
        out.push({ connectorId: c.id, connector: c.name, fullSyncRequired: false, fullImportRequired: true, markedAt: null, reasons: ['set with the scheduler override'] });
        continue;
      }
      if (m && fullSyncSince(store, c.seq, m.markedAt)) {
        delete marks[c.id];
        changed = true;
        cleared.push(c.id);
        if (o.fullImportRequired) out.push({ connectorId: c.id, connector: c.name, fullSyncRequired: false, fullImportRequired: true, markedAt: null, reasons: [] });
        continue;
      }
      out.push({ connectorId: c.id, connector: c.name, fullSyncRequired: true, fullImportRequired: o.fullImportRequired, markedAt: m?.markedAt ?? null, reasons: m?.reasons ?? ['set with the scheduler override'] });
    }
    if (cleared.length) {
      this.settings.update((s) => {
        const next = { ...s.connectorOverrides };
        for (const id of cleared) {
          const o = next[id];
          if (!o) continue;
          if (o.fullImportRequired) next[id] = { ...o, fullSyncRequired: false };
          else delete next[id];
        }
        return { ...s, connectorOverrides: next };
      });
    }
    if (changed) this.write(marks);
    return out;
  }

  private read(): Record<string, Mark> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    const parsed = z.record(z.string(), Mark).safeParse(safeJson(text));
    if (!parsed.success) throw new Error(`${this.file} is damaged; delete it (the scheduler overrides in scheduler.json still hold the marks)`);
    return parsed.data;
  }

  private write(marks: Record<string, Mark>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(marks, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** True when a run of the connector that started after `since` completed a full synchronization step. */
function fullSyncSince(store: Store, connectorSeq: number, since: string): boolean {
  const runs = store.runs.list({ connector: connectorSeq }, null, 50).items.filter((r) => r.startedAt >= since);
  return runs.some((r) => store.runs.steps(r.id).some((s) => s.type === 'full-sync' && COMPLETED.test(s.status)));
}
