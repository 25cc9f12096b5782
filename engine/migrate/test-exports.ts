// Where the importer's tests find their exports: the committed fixtures, and Microsoft's published sample beside
// the repository (`../shared/data`, or IDSYNC_SHARED_DATA), which is never copied into it.
import fs from 'node:fs';
import path from 'node:path';
import { isUnder } from '../rules/defaults/filtering/ou-scope.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const sharedData = process.env.IDSYNC_SHARED_DATA ?? path.resolve(repoRoot, '../shared/data');

/** Microsoft's sample export (contoso-2016). */
export const contosoExport = path.join(sharedData, 'entra-connect-export', 'contoso-2016');

/** Why tests on the sample export cannot run, or null. */
export const contosoMissing = fs.existsSync(path.join(contosoExport, 'GlobalSettings', 'MV.xml'))
  ? null
  : `Microsoft's sample export is not at ${contosoExport} (tests on it are skipped)`;

/** A committed fixture folder. */
export function fixture(name: string): string {
  return path.join(import.meta.dirname, 'test-data', name);
}

/** Whether the LDAP connector with this scope imports an object at `dn` (searched from the included containers,
 * or the naming contexts when none are listed, and dropped below an excluded container). */
export function importsDn(config: Record<string, unknown>, dn: string): boolean {
  const list = (k: string) => (config[k] as string[] | undefined) ?? [];
  const bases = list('includeContainers').length ? list('includeContainers') : list('baseDns');
  return bases.some((b) => isUnder(dn, b)) && !list('excludeContainers').some((e) => isUnder(dn, e));
}
