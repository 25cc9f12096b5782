// Prevent accidental deletes (§6): before an export sends anything, more pending deletes than the threshold
// stop the whole export with `stopped-deletion-threshold-exceeded`. An administrator can list the pending
// deletes (and export them as CSV) and approve them once; the approval covers that many deletes, no more.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { ApiValue } from '../../shared/model/values.ts';

/** Default threshold (§6, §15): enabled, 500. */
export const DEFAULT_DELETE_THRESHOLD = 500;
export const DELETION_THRESHOLD_STATUS = 'stopped-deletion-threshold-exceeded';
export const APPROVALS_FILE = 'delete-approvals.json';

/** A connector-space object with a pending export, as much of it as the checks read. */
export interface PendingExportObject {
  id: number;
  dn: string;
  objectType: string;
  anchor: string | null;
  hologram: Record<string, ApiValue[]>;
  pendingExport: { op: 'add' | 'update' | 'delete'; changes: Record<string, ApiValue[]>; newDn?: string } | null;
}

/** The connector space functions the checks need (the engine's CsStore has them). */
export interface PendingExportSource {
  countPendingExport(connector: number, op: string): number;
  page(connector: number, filter: 'pending-export', afterId: number, limit: number): PendingExportObject[];
}

export const DeleteApproval = z.object({ approvedAt: z.string(), pendingDeletes: z.number().int().min(0), by: z.string().default('') });
export type DeleteApproval = z.infer<typeof DeleteApproval>;

export type ThresholdDecision =
  | { readonly blocked: false; readonly pendingDeletes: number; readonly threshold: number | null; readonly usedApproval: boolean }
  | { readonly blocked: true; readonly status: typeof DELETION_THRESHOLD_STATUS; readonly pendingDeletes: number; readonly threshold: number; readonly message: string };

/**
 * Decides whether an export may run. `threshold` null = protection off for this connector. `count > threshold`
 * blocks (Q3); an approval lets the export through when it covers at least the current count.
 */
export function decideDeletionThreshold(pendingDeletes: number, threshold: number | null, approval: DeleteApproval | null, connectorName: string): ThresholdDecision {
  if (threshold === null || pendingDeletes <= threshold) return { blocked: false, pendingDeletes, threshold, usedApproval: false };
  if (approval && pendingDeletes <= approval.pendingDeletes) return { blocked: false, pendingDeletes, threshold, usedApproval: true };
  const approvalNote = approval ? ` The approval of ${approval.pendingDeletes} deletes (${approval.approvedAt}) no longer covers them.` : '';
  return {
    blocked: true, status: DELETION_THRESHOLD_STATUS, pendingDeletes, threshold,
    message: `Export to ${connectorName} stopped: ${pendingDeletes} pending deletes exceed the deletion threshold of ${threshold}; nothing was exported.${approvalNote} ` +
      `Review them with "idsync deletes list ${connectorName}", then approve them once with "idsync deletes approve ${connectorName}" or raise the threshold.`,
  };
}

/** One-shot approvals per connector id, kept in the data directory so every host and the CLI see them. */
export class DeleteApprovals {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, APPROVALS_FILE);
  }

  private read(): Record<string, DeleteApproval> {
    try {
      return z.record(z.string(), DeleteApproval).parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`${this.file} is damaged (${(err as Error).message}); delete it to clear pending approvals.`);
    }
  }

  private write(all: Record<string, DeleteApproval>): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }

  /** The approval waiting for a connector's next export, or null. */
  get(connectorId: string): DeleteApproval | null {
    return this.read()[connectorId] ?? null;
  }

  /** Approves the current pending deletes once (allowDeletesOnce). */
  approve(connectorId: string, pendingDeletes: number, by = '', now = new Date()): DeleteApproval {
    const all = this.read();
    all[connectorId] = { approvedAt: now.toISOString(), pendingDeletes, by };
    this.write(all);
    return all[connectorId];
  }

  /** Consumes (removes) the approval after the export it let through. */
  consume(connectorId: string): void {
    const all = this.read();
    if (!(connectorId in all)) return;
    delete all[connectorId];
    this.write(all);
  }
}

/**
 * The check an export step calls before sending anything: blocked → end the step with `decision.status`
 * and leave every pending export in place; allowed with an approval → consume it. Without a data directory
 * (an in-memory store) there are no approvals.
 */
export function checkExportDeletions(source: PendingExportSource, approvals: DeleteApprovals | null, connector: { seq: number; id: string; name: string; deleteThreshold: number | null }): ThresholdDecision {
  const count = source.countPendingExport(connector.seq, 'delete');
  const decision = decideDeletionThreshold(count, connector.deleteThreshold, approvals?.get(connector.id) ?? null, connector.name);
  if (!decision.blocked && decision.usedApproval) approvals?.consume(connector.id);
  return decision;
}

/** One row of the pending-deletes list. */
export interface PendingDeleteRow {
  id: number;
  dn: string;
  objectType: string;
  anchor: string | null;
  displayName: string | null;
  userPrincipalName: string | null;
  mail: string | null;
}

function first(attrs: Record<string, ApiValue[]>, ...names: string[]): string | null {
  for (const n of names) {
    const v = attrs[n]?.[0];
    if (typeof v === 'string') return v;
  }
  return null;
}

/** Every pending delete of a connector, paged through the connector space. */
export function listPendingDeletes(source: PendingExportSource, connectorSeq: number, pageSize = 500): PendingDeleteRow[] {
  const rows: PendingDeleteRow[] = [];
  for (let after = 0; ;) {
    const page = source.page(connectorSeq, 'pending-export', after, pageSize);
    if (page.length === 0) break;
    for (const o of page) {
      if (o.pendingExport?.op !== 'delete') continue;
      rows.push({
        id: o.id, dn: o.dn, objectType: o.objectType, anchor: o.anchor,
        displayName: first(o.hologram, 'displayName', 'cn'),
        userPrincipalName: first(o.hologram, 'userPrincipalName'),
        mail: first(o.hologram, 'mail'),
      });
    }
    after = page[page.length - 1].id;
  }
  return rows;
}

/** The pending deletes as CSV (header row first). */
export function pendingDeletesCsv(rows: readonly PendingDeleteRow[]): string {
  return stringify(rows.map((r) => [r.dn, r.objectType, r.anchor ?? '', r.displayName ?? '', r.userPrincipalName ?? '', r.mail ?? '']), {
    header: true, columns: ['dn', 'objectType', 'anchor', 'displayName', 'userPrincipalName', 'mail'],
  });
}
