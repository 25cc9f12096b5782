// The rename trap guard (§5.2) wherever a full import starts outside the console: a selected OU renamed or
// deleted since the selection was recorded makes a full import delete its objects, so the full import is
// refused with the OU's new DN, and the refusal is recorded in the run history like a run.
import type { ConnectorRecord } from '../store/connector-store.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { checkConnectorOus } from '../rules/defaults/filtering/ou-check.ts';

export const REFUSED_STATUS = 'stopped-extension-dll-exception';

/** Why a full import of the connector must not run now (a selected OU renamed or missing), or null. */
export async function fullImportRefusal(home: string, engine: SyncEngine, connector: ConnectorRecord): Promise<string | null> {
  if (connector.type !== 'ldap') return null;
  const check = await checkConnectorOus(home, engine, connector);
  if (!check.blocksFullImport) return null;
  const findings = check.findings.flatMap((f) => (f.status === 'renamed' || f.status === 'missing' ? [f.message] : []));
  const renamed = check.findings.find((f) => f.status === 'renamed');
  const fix = renamed && renamed.status === 'renamed' ? `idsync setup … --ou "${renamed.newDn}"` : 'idsync setup … --ou "<new DN>"';
  return `Full import of ${connector.name} refused; nothing was imported or deleted:\n${findings.join('\n')}\nFix the OU selection (${fix}, or the wizard's OU filtering page).`;
}

/** Records a full import that was refused before it started, so the run history shows why. */
export function recordRefusedRun(engine: SyncEngine, connector: ConnectorRecord, profile: string, startedBy: string, message: string): number {
  const runs = engine.store.runs;
  const runId = runs.createRun(connector.seq, connector.name, profile, startedBy);
  runs.createStep(runId, 1, 'full-import', null);
  runs.finishStep(runId, 1, REFUSED_STATUS, { counters: {}, outbound: {}, errors: {} }, message);
  runs.finishRun(runId, REFUSED_STATUS);
  return runId;
}
