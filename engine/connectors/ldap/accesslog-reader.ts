// Turning pages of accesslog records into changes. Adds and modifies become objects and attribute updates
// straight from their records; deletions are delivered whatever their DN. What a record cannot tell is read from
// the directory as it is now: the subtree of a renamed or moved entry (every object below an OU gets its new DN,
// or a deletion when it left the scope), objects of types with their own LDAP filter, and objects already read
// this way in this import (a record replayed on a state that already holds it could add a value twice).
import type { ConnectorContext, ImportChange, ImportProblem } from '../contract.ts';
import { dnKey, isWithinDn, parentDn, rebaseDn } from '../../model/dn.ts';
import { recordToChange } from './accesslog-changes.ts';
import type { LogRecord } from './accesslog-record.ts';
import { objectAnchors, readCurrentState } from './current-state.ts';
import { EntryMapper } from './entry-mapper.ts';
import type { ImportPlan } from './import-plan.ts';
import type { DirectorySchema } from './schema.ts';
import { missingContainerProblem } from './selected-containers.ts';
import type { LdapSession } from './session.ts';

/** DN after a modrdn record. */
export function newDnOf(r: LogRecord): string {
  const parent = r.newSuperior ?? parentDn(r.dn);
  return parent ? `${r.newRdn},${parent}` : (r.newRdn ?? r.dn);
}

/** True when a modify record changes the object classes (the entry may change type). */
function changesClasses(r: LogRecord): boolean {
  return r.type === 'modify' && r.mods.some((m) => m.attribute.toLowerCase() === 'objectclass');
}

/** Turns pages of log records into changes, remembering across pages which objects are read from the directory. */
export class LogReader {
  private readonly mapper: EntryMapper;
  /** Objects delivered from their current state: their later records are read the same way. */
  private readonly fromDirectory = new Set<string>();
  /** Every type evaluated by the server: records cannot say whether an object still matches. */
  private readonly typedByServer: boolean;
  /** Selected containers not found at the start; renames that explain them are reported with the new DN. */
  private readonly missing: Map<string, string>;
  private readonly outOfScope: 'drop' | 'delete';

  constructor(
    private readonly session: LdapSession,
    private readonly plan: ImportPlan,
    private readonly schema: DirectorySchema,
    private readonly ctx: ConnectorContext,
    missing: readonly string[],
  ) {
    this.mapper = new EntryMapper({ schema, ...plan });
    this.typedByServer = plan.typedFilters.some((t) => t.type !== undefined);
    this.missing = new Map(missing.map((m) => [dnKey(m), m]));
    // With a selected container gone (maybe renamed), leaving the scope is not proof of leaving the selection.
    this.outOfScope = missing.length > 0 ? 'drop' : 'delete';
    for (const m of missing) ctx.log('warn', `selected container ${m} not found; the delta import goes on without it`);
  }

  /** The changes of one page of records, in the order the directory made them. */
  async page(records: readonly LogRecord[]): Promise<{ changes: ImportChange[]; problems: ImportProblem[] }> {
    const anchors = new Set<string>();
    const subtrees = new Set<string>();
    const problems: ImportProblem[] = [];
    const fromRecords: { anchor: string; change: ImportChange }[] = [];
    for (const r of records) {
      const anchor = r.entryUUID;
      if (!anchor) continue;
      if (r.type === 'delete') fromRecords.push({ anchor, change: { kind: 'delete', anchor, dn: r.dn } });
      else if (r.type === 'modrdn') {
        subtrees.add(anchor);
        anchors.add(anchor);
        problems.push(...this.explainMissing(r));
      } else if (this.typedByServer || this.fromDirectory.has(anchor) || changesClasses(r)) anchors.add(anchor);
      else {
        const change = recordToChange(r, this.plan, this.mapper, this.schema);
        if (change) fromRecords.push({ anchor, change });
      }
    }
    await this.dropUntyped(fromRecords);
    const current = anchors.size > 0 ? await readCurrentState(this.session, this.plan, { anchors, subtrees, outOfScope: this.outOfScope }, this.ctx) : undefined;
    const read = current?.anchors ?? new Set<string>();
    for (const a of read) this.fromDirectory.add(a);
    // A record of an object read as it is now is already part of what was read (deletions stay: they are final).
    const changes = fromRecords.filter((x) => x.change.kind === 'delete' || !read.has(x.anchor)).map((x) => x.change);
    if (current) {
      changes.push(...current.changes);
      problems.push(...current.problems);
    }
    return { changes, problems };
  }

  /** A modify record does not say what the entry is: updates of entries that are no object of a type in scope go. */
  private async dropUntyped(fromRecords: { anchor: string; change: ImportChange }[]): Promise<void> {
    const updated = [...new Set(fromRecords.filter((x) => x.change.kind === 'update').map((x) => x.anchor))];
    if (updated.length === 0) return;
    const objects = await objectAnchors(this.session, this.plan, updated);
    for (let i = fromRecords.length - 1; i >= 0; i--) {
      if (fromRecords[i].change.kind === 'update' && !objects.has(fromRecords[i].anchor)) fromRecords.splice(i, 1);
    }
  }

  /** A rename of a selected container (or of one above it) that the start of the import found missing. */
  private explainMissing(r: LogRecord): ImportProblem[] {
    const out: ImportProblem[] = [];
    for (const [key, dn] of this.missing) {
      if (!isWithinDn(dn, r.dn)) continue;
      out.push(missingContainerProblem(dn, rebaseDn(dn, r.dn, newDnOf(r)) ?? undefined));
      this.missing.delete(key);
    }
    return out;
  }

  /** Missing selected containers no rename in the log explained. */
  unexplainedMissing(): ImportProblem[] {
    const out = [...this.missing.values()].map((dn) => missingContainerProblem(dn));
    this.missing.clear();
    return out;
  }
}
