// After an import, against the live forest: OUs of the exported filter that the directory no longer has (the old
// server kept them in its selection, R19) become warnings; when every selected OU exists, the selection is
// recorded with the OUs' objectGUIDs, so a later rename is caught before a full import deletes its objects.
import type { MigrationWarning } from '../../shared/model/migration.ts';
import { directoryOus, recordOuSelection } from '../rules/defaults/filtering/ou-check.ts';
import { normalizeDn } from '../rules/defaults/filtering/ou-scope.ts';
import type { SyncEngine } from '../sync/engine.ts';

/** Checks the OU filter of each imported directory connector; returns the warnings (never throws). */
export async function checkImportedOus(home: string, engine: SyncEngine, connectorIds: readonly string[]): Promise<MigrationWarning[]> {
  const warnings: MigrationWarning[] = [];
  for (const id of connectorIds) {
    const c = engine.store.connectors.find(id);
    if (!c || c.type !== 'ldap') continue;
    const listed = [...((c.config.includeContainers as string[]) ?? []), ...((c.config.excludeContainers as string[]) ?? [])];
    // Only organizational units can be looked up (and recorded); a domain root or CN= container is left alone.
    const ous = listed.filter((dn) => /^\s*ou=/i.test(dn));
    if (ous.length === 0) continue;
    let live;
    try {
      live = new Set((await directoryOus(c)).map((o) => normalizeDn(o.dn)));
    } catch (err) {
      warnings.push({ code: 'R19', subject: c.name, message: `The OU filter could not be checked against the directory (${(err as Error).message}); check that its OUs still exist before the first cycle.` });
      continue;
    }
    const missing = ous.filter((dn) => !live.has(normalizeDn(dn)));
    if (missing.length) {
      warnings.push({ code: 'R19', subject: c.name, message: `The exported OU filter names OU${missing.length > 1 ? 's' : ''} the directory no longer has: ${missing.join('; ')}. Nothing under ${missing.length > 1 ? 'them' : 'it'} is synchronized; fix the filter if it was renamed.` });
      continue;
    }
    if (ous.length === listed.length) {
      try {
        await recordOuSelection(home, c);
      } catch (err) {
        warnings.push({ code: 'R19', subject: c.name, message: `The OU selection could not be recorded (${(err as Error).message}); renamed OUs will not be detected before a full import.` });
      }
    }
  }
  return warnings;
}
