// The rename trap (§5.2): OU filtering stores DNs; renaming or moving a selected OU changes its DN, so at the
// next full import every object below it would be deleted. The selection keeps each OU's objectGUID too,
// and comparing it with the directory's container tree by objectGUID finds the OU under its new name first.
import { isUnder, normalizeDn } from './ou-scope.ts';

/** A selected OU as stored: its DN when selected and its objectGUID (as text). */
export interface SelectedOu {
  readonly dn: string;
  readonly objectGuid: string;
  readonly kind: 'include' | 'exclude';
}

/** A container of the directory now. */
export interface DirectoryContainer {
  readonly dn: string;
  readonly objectGuid: string;
}

export type OuFinding =
  | { readonly status: 'ok'; readonly ou: SelectedOu }
  | { readonly status: 'renamed'; readonly ou: SelectedOu; readonly newDn: string; readonly objectsAtRisk: number; readonly message: string }
  | { readonly status: 'missing'; readonly ou: SelectedOu; readonly objectsAtRisk: number; readonly message: string }
  | { readonly status: 'replaced'; readonly ou: SelectedOu; readonly newGuid: string; readonly message: string };

export interface RenameReport {
  readonly findings: OuFinding[];
  /** True when a full import now would drop objects of a selected OU out of scope. */
  readonly blocksFullImport: boolean;
  /** The selection with renamed OUs at their new DNs (what to store to fix it). */
  readonly repairedSelection: SelectedOu[];
}

/**
 * Compares the stored selection with the directory. `csDns` are the DNs currently in the connector space
 * (to count the objects a full import would delete).
 */
export function checkOuRenames(selection: readonly SelectedOu[], directory: readonly DirectoryContainer[], csDns: Iterable<string>): RenameReport {
  const byGuid = new Map(directory.map((c) => [c.objectGuid.toLowerCase(), c]));
  const byDn = new Map(directory.map((c) => [normalizeDn(c.dn), c]));
  const dns = [...csDns];
  const atRisk = (ou: SelectedOu) => (ou.kind === 'include' ? dns.filter((d) => isUnder(d, ou.dn)).length : 0);
  const findings: OuFinding[] = [];
  const repaired: SelectedOu[] = [];
  for (const ou of selection) {
    const now = byGuid.get(ou.objectGuid.toLowerCase());
    if (now && normalizeDn(now.dn) === normalizeDn(ou.dn)) {
      findings.push({ status: 'ok', ou });
      repaired.push(ou);
    } else if (now) {
      const n = atRisk(ou);
      findings.push({
        status: 'renamed', ou, newDn: now.dn, objectsAtRisk: n,
        message: `Selected OU "${ou.dn}" was renamed or moved to "${now.dn}" (same objectGUID ${ou.objectGuid}). ` +
          (ou.kind === 'include' ? `A full import now would delete the ${n} objects synchronized from it. ` : 'Its exclusion no longer applies. ') +
          'Select the OU again under its new name before the next full import.',
      });
      repaired.push({ ...ou, dn: now.dn });
    } else {
      const same = byDn.get(normalizeDn(ou.dn));
      if (same) {
        findings.push({ status: 'replaced', ou, newGuid: same.objectGuid, message: `OU "${ou.dn}" was deleted and created again (objectGUID ${ou.objectGuid} → ${same.objectGuid}); its objects are new objects.` });
        repaired.push({ ...ou, objectGuid: same.objectGuid });
      } else {
        const n = atRisk(ou);
        findings.push({ status: 'missing', ou, objectsAtRisk: n, message: `Selected OU "${ou.dn}" (objectGUID ${ou.objectGuid}) no longer exists; a full import would delete the ${n} objects synchronized from it.` });
      }
    }
  }
  const blocksFullImport = findings.some((f) => (f.status === 'renamed' || f.status === 'missing') && f.objectsAtRisk > 0);
  return { findings, blocksFullImport, repairedSelection: repaired };
}
