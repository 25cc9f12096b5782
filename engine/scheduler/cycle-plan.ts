// Which steps a sync cycle runs, in which order (§7.2): on-premises imports, Entra import, on-premises
// syncs, Entra sync, Entra export, on-premises exports, then a confirming delta import and delta
// synchronization of every connector that exported something, so one cycle ends with its exports confirmed.
// Staging mode leaves the exports (and so the confirmations) out (§8.1).
import type { StepType } from '../../shared/model/connectors.ts';
import type { ConnectorOverride } from './settings.ts';

/** After this long without an import the Entra delta watermark has expired and a full import is needed (7-day rule). */
export const ENTRA_WATERMARK_LIFETIME_MS = 7 * 24 * 3600_000;

export interface CycleConnector {
  readonly id: string;
  readonly name: string;
  /** 'entra' connectors are ordered as the cloud side; everything else is an on-premises directory. */
  readonly kind: 'entra' | 'on-premises';
  readonly createdAt: string;
  /** End of the last successful import step (full or delta), or null when never imported. */
  readonly lastImportAt: string | null;
}

export interface PlannedStep {
  readonly connectorId: string;
  readonly connectorName: string;
  readonly step: StepType;
  /** Runs only when this connector's export in the same cycle sent something. */
  readonly confirmsExport?: true;
}

export interface CyclePlan {
  readonly policy: 'Delta' | 'Initial';
  readonly steps: PlannedStep[];
  readonly warnings: string[];
}

export interface PlanInput {
  readonly policy: 'Delta' | 'Initial';
  readonly connectors: readonly CycleConnector[];
  readonly overrides: Readonly<Record<string, ConnectorOverride>>;
  readonly staging: boolean;
  readonly now: Date;
}

/** Plans one cycle. */
export function planCycle(input: PlanInput): CyclePlan {
  const byAge = [...input.connectors].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  const onPrem = byAge.filter((c) => c.kind !== 'entra');
  const entra = byAge.filter((c) => c.kind === 'entra');
  const warnings: string[] = [];
  const fullImport = new Set<string>();
  const fullSync = new Set<string>();
  for (const c of byAge) {
    const o = input.overrides[c.id];
    if (input.policy === 'Initial' || o?.fullImportRequired) fullImport.add(c.id);
    if (input.policy === 'Initial' || o?.fullSyncRequired) fullSync.add(c.id);
  }
  for (const c of entra) {
    const last = c.lastImportAt ? Date.parse(c.lastImportAt) : null;
    if (!fullImport.has(c.id) && last !== null && input.now.getTime() - last > ENTRA_WATERMARK_LIFETIME_MS) {
      warnings.push(`Connector ${c.name} was last imported on ${c.lastImportAt}, more than 7 days ago: its delta watermark has expired, so this cycle runs a full import.`);
      fullImport.add(c.id);
    }
  }
  const step = (c: CycleConnector, type: StepType): PlannedStep => ({ connectorId: c.id, connectorName: c.name, step: type });
  const imp = (c: CycleConnector) => step(c, fullImport.has(c.id) ? 'full-import' : 'delta-import');
  const sync = (c: CycleConnector) => step(c, fullSync.has(c.id) ? 'full-sync' : 'delta-sync');
  const exporters = [...entra, ...onPrem];
  const confirm = (c: CycleConnector, type: StepType): PlannedStep => ({ ...step(c, type), confirmsExport: true });
  const steps = [
    ...onPrem.map(imp), ...entra.map(imp),
    ...onPrem.map(sync), ...entra.map(sync),
    ...(input.staging
      ? []
      : [...exporters.map((c) => step(c, 'export')), ...exporters.map((c) => confirm(c, 'delta-import')), ...exporters.map((c) => confirm(c, 'delta-sync'))]),
  ];
  return { policy: input.policy, steps, warnings };
}
