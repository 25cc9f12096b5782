// The containers selected for import must exist: a selected OU that was renamed, moved or deleted would make a
// full import delete every object synchronized from it (the rename trap of OU filtering), so a full import is
// refused, and a delta import goes on with the other containers, reports the missing one and deletes nothing
// for leaving the scope until the selection is fixed.
import { NoSuchObjectError } from 'ldapts';
import type { ImportProblem } from '../contract.ts';
import type { ImportPlan } from './import-plan.ts';
import type { LdapSession } from './session.ts';

/** A full import refused because selected containers are missing; nothing was read or deleted. */
export class MissingContainerError extends Error {
  override readonly name = 'MissingContainerError';
  constructor(readonly containers: readonly string[]) {
    super(
      `Full import refused: the selected container${containers.length > 1 ? 's' : ''} ${containers.map((c) => `"${c}"`).join(', ')} ` +
        `no longer exist${containers.length > 1 ? '' : 's'} in the directory (renamed, moved or deleted). Importing now would delete every object ` +
        `synchronized from ${containers.length > 1 ? 'them' : 'it'}; nothing was imported or deleted. ${WHAT_TO_DO}, then run the full import again.`,
    );
  }
}

const WHAT_TO_DO =
  'Select the container again under its new name (idsync setup … --ou "<new DN>", or the OU filtering page of the wizard), ' +
  'or remove it from the selection if it was deleted on purpose';

/** The included containers of the plan that do not exist now. */
export async function missingContainers(session: LdapSession, plan: ImportPlan): Promise<string[]> {
  const missing: string[] = [];
  for (const dn of plan.includeContainers) {
    const found = await session
      .run(`checking the selected container ${dn}`, (c) => c.search(dn, { scope: 'base', attributes: ['1.1'] }))
      .then(() => true, (e: unknown) => (e instanceof NoSuchObjectError ? false : Promise.reject(e)));
    if (!found) missing.push(dn);
  }
  return missing;
}

/** The delta import's report of a missing container (a discovery error naming it and what to do). */
export function missingContainerProblem(dn: string, newDn?: string): ImportProblem {
  const where = newDn ? `was renamed or moved to "${newDn}"` : 'no longer exists (renamed, moved or deleted)';
  return {
    code: 'read-error',
    location: dn,
    dn,
    message:
      `the selected container ${where}. The other containers were imported; objects leaving the selection are not deleted ` +
      `until it is fixed. ${WHAT_TO_DO}${newDn ? ` (here: --ou "${newDn}")` : ''}.`,
  };
}
