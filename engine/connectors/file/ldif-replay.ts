// Replays an LDIF change file in file order into the current state of each entry, the way a directory
// applying the same records would: add, modify (add/replace/delete), moddn/modrdn (with newsuperior, whole
// subtrees move with their entry) and delete. Content records count as adds.
import type { Attributes } from '../../model/values.ts';
import { DN_ANCHOR, type FileSettings } from './config.ts';
import { dnKey, foldValue, parentDn, parseDn, rdnText } from './dn.ts';
import { applyAttributeChanges } from './export-apply.ts';
import type { LdifRecord } from './ldif-reader.ts';
import type { RawItem, RawRecord } from './raw-record.ts';
import { anchorOf, buildObject, fromRawProblem, problemAt, typeValues } from './record-mapper.ts';
import type { SourceItem } from './source-item.ts';
import { valueToText } from './value-codec.ts';

/** One entry as the records so far have made it; `tainted` when a record about it could not be applied. */
interface Entry {
  dn: string;
  attributes: Attributes;
  /** Line of the record that created it. */
  readonly line: number;
  tainted: boolean;
  live: boolean;
}

/** A record that could not be applied, with the entry it concerns when there is one. */
interface ReplayProblem {
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly dn?: string;
  readonly entry?: Entry;
  /** Set for reader problems, whose message already carries the location. */
  readonly raw?: Extract<RawItem, { kind: 'problem' }>;
  /** A record that was ignored without leaving any entry uncertain. */
  readonly harmless?: boolean;
}

type ChangeRecord = NonNullable<RawRecord['change']>;

/** The entries of an LDIF file after applying its records in order. */
export class LdifReplay {
  private readonly entries = new Set<Entry>();
  private readonly byKey = new Map<string, Entry>();
  private readonly children = new Map<string, Set<Entry>>();
  private readonly problems: ReplayProblem[] = [];
  /** Lines of delete records whose entry was not there (nothing to do, but worth a warning). */
  readonly strayDeletes: number[] = [];

  constructor(
    private readonly settings: FileSettings,
    private readonly path: string,
  ) {}

  /** Applies the next item of the file. */
  apply(item: RawItem): void {
    if (item.kind === 'problem') {
      // A record that could not be read still names its entry when its dn: line was readable.
      const entry = item.dn !== undefined ? this.byKey.get(dnKey(item.dn)) : undefined;
      if (entry) entry.tainted = true;
      this.problems.push({ code: item.code, message: item.message, line: item.line, dn: item.dn, entry, raw: item });
    } else if (item.change) this.change(item.change, item.line);
    else this.add(item);
  }

  /** Problems first, then every live entry that could be rebuilt, in the order the entries were created. */
  *results(): Generator<SourceItem> {
    const dnAnchored = this.settings.anchor === DN_ANCHOR;
    for (const p of this.problems) {
      let anchor: string | undefined;
      let blocksDeletes: boolean;
      if (p.entry) {
        // An entry deleted after the failure is gone whatever the failed record said; a live one keeps its previous state.
        const a = p.entry.live ? anchorOf(this.settings, p.entry.dn, p.entry.attributes) : undefined;
        anchor = a && 'anchor' in a ? a.anchor : undefined;
        blocksDeletes = p.entry.live && anchor === undefined;
      } else if (p.harmless || (p.dn !== undefined && this.byKey.has(dnKey(p.dn)))) {
        // Nothing is uncertain: the entry at that DN (if any) was made by later records.
        blocksDeletes = false;
      } else {
        anchor = dnAnchored ? p.dn : undefined;
        blocksDeletes = anchor === undefined;
      }
      const problem = p.raw ? fromRawProblem(this.path, p.raw) : problemAt(this.path, p.line, p.code, p.message, { dn: p.dn, anchor });
      yield { kind: 'problem', problem: { ...problem, anchor }, blocksDeletes };
    }
    for (const entry of this.entries) {
      if (entry.tainted) continue;
      const anchored = anchorOf(this.settings, entry.dn, entry.attributes);
      if ('code' in anchored) {
        yield { kind: 'problem', problem: problemAt(this.path, entry.line, anchored.code, anchored.message, { dn: entry.dn }), blocksDeletes: true };
        continue;
      }
      const built = buildObject(this.settings, anchored.anchor, entry.dn, entry.attributes);
      if ('code' in built) {
        const who = { anchor: anchored.anchor, dn: entry.dn };
        yield { kind: 'problem', problem: problemAt(this.path, entry.line, built.code, built.message, who), blocksDeletes: false };
      } else yield { kind: 'object', object: built, line: entry.line };
    }
  }

  private fail(line: number, code: string, message: string, dn: string, entry?: Entry): void {
    if (entry) entry.tainted = true;
    this.problems.push({ code, message, line, dn, entry });
  }

  private add(record: RawRecord): void {
    const dn = record.dn!;
    if (this.byKey.has(dnKey(dn))) {
      this.problems.push({ code: 'duplicate-object', message: 'an entry with this DN already exists; this record is ignored', line: record.line, dn, harmless: true });
      return;
    }
    const entry: Entry = { dn, attributes: {}, line: record.line, tainted: false, live: true };
    this.entries.add(entry);
    this.link(entry);
    for (const [name, raws] of record.fields) {
      const typed = typeValues(raws, name, this.settings.spec(name)?.type ?? 'string', true);
      if ('code' in typed) this.fail(record.line, typed.code, typed.message, dn, entry);
      else entry.attributes[name] = typed.values;
    }
  }

  private change(change: ChangeRecord, line: number): void {
    const entry = this.byKey.get(dnKey(change.dn));
    if (change.kind === 'delete') {
      if (!entry) this.strayDeletes.push(line);
      else this.remove(entry);
      return;
    }
    if (!entry) {
      this.fail(line, 'need-full-object', `a ${change.kind} of an entry that is not in the file (no add record before it)`, change.dn);
      return;
    }
    if (change.kind === 'modify') this.modify(entry, change, line);
    else this.rename(entry, change, line);
  }

  private modify(entry: Entry, change: Extract<LdifRecord, { kind: 'modify' }>, line: number): void {
    for (const m of change.modifications) {
      const typed = typeValues(
        m.values.map((v) => v.value),
        m.attribute,
        this.settings.spec(m.attribute)?.type ?? 'string',
        true,
      );
      if ('code' in typed) this.fail(line, typed.code, typed.message, entry.dn, entry);
      else entry.attributes = applyAttributeChanges(entry.attributes, [{ attribute: m.attribute, op: m.op, values: typed.values }]);
    }
  }

  private rename(entry: Entry, change: Extract<LdifRecord, { kind: 'moddn' }>, line: number): void {
    let newRdn: ReturnType<typeof parseDn>;
    try {
      newRdn = parseDn(change.newRdn);
    } catch (err) {
      this.fail(line, 'invalid-dn', `newrdn: ${(err as Error).message}`, entry.dn, entry);
      return;
    }
    if (newRdn.length !== 1) {
      this.fail(line, 'invalid-dn', `newrdn "${change.newRdn}" is not one RDN`, entry.dn, entry);
      return;
    }
    const parent = change.newSuperior ?? parentDn(entry.dn);
    const newDn = parent.trim() ? `${change.newRdn},${parent}` : change.newRdn;
    const other = this.byKey.get(dnKey(newDn));
    if (other && other !== entry) {
      this.fail(line, 'duplicate-object', `cannot rename to ${newDn}: an entry with that DN exists`, entry.dn, entry);
      return;
    }
    let oldRdn: ReturnType<typeof parseDn>[number] = [];
    try {
      oldRdn = parseDn(rdnText(entry.dn))[0] ?? [];
    } catch {
      // An entry added under a malformed DN keeps its attributes as they are.
    }
    const same = (a: { type: string; value: string }, b: { type: string; value: string }): boolean =>
      a.type.toLowerCase() === b.type.toLowerCase() && foldValue(a.value) === foldValue(b.value);
    if (change.deleteOldRdn) {
      for (const ava of oldRdn) if (!newRdn[0].some((n) => same(n, ava))) this.dropValue(entry, ava.type, ava.value);
    }
    for (const ava of newRdn[0]) this.ensureValue(entry, ava.type, ava.value);
    for (const [name, values] of Object.entries(entry.attributes)) if (!values.length) delete entry.attributes[name];
    this.move(entry, newDn);
  }

  /** Gives an entry a new DN; the entries below it follow. */
  private move(entry: Entry, newDn: string): void {
    const oldKey = dnKey(entry.dn);
    this.unlink(entry);
    entry.dn = newDn;
    this.link(entry);
    const kids = this.children.get(oldKey);
    if (!kids?.size) return;
    this.children.delete(oldKey);
    for (const kid of [...kids]) this.move(kid, `${rdnText(kid.dn)},${newDn}`);
  }

  private remove(entry: Entry): void {
    entry.live = false;
    this.entries.delete(entry);
    this.unlink(entry);
  }

  private link(entry: Entry): void {
    this.byKey.set(dnKey(entry.dn), entry);
    const parent = dnKey(parentDn(entry.dn));
    let set = this.children.get(parent);
    if (!set) this.children.set(parent, (set = new Set()));
    set.add(entry);
  }

  private unlink(entry: Entry): void {
    const key = dnKey(entry.dn);
    if (this.byKey.get(key) === entry) this.byKey.delete(key);
    this.children.get(dnKey(parentDn(entry.dn)))?.delete(entry);
  }

  private nameOf(entry: Entry, attribute: string): string {
    return Object.keys(entry.attributes).find((k) => k.toLowerCase() === attribute.toLowerCase()) ?? attribute;
  }

  private dropValue(entry: Entry, attribute: string, value: string): void {
    const name = this.nameOf(entry, attribute);
    // An emptied attribute keeps its place for the new RDN value; empty ones are removed after the rename.
    const values = entry.attributes[name];
    if (values) entry.attributes[name] = values.filter((v) => foldValue(valueToText(v)) !== foldValue(value));
  }

  private ensureValue(entry: Entry, attribute: string, value: string): void {
    const name = this.nameOf(entry, attribute);
    const values = entry.attributes[name] ?? [];
    if (values.some((v) => foldValue(valueToText(v)) === foldValue(value))) return;
    const typed = typeValues([value], attribute, this.settings.spec(attribute)?.type ?? 'string', true);
    entry.attributes[name] = [...values, ...('code' in typed ? [value] : typed.values)];
  }
}
