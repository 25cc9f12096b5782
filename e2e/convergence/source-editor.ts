// Edits of the source content that keep it the way a real source is: unique DNs, references kept by the
// directory when an object is renamed or moved (most of the time, as referential integrity does), and, for an
// LDAP source, the operations that make the same edit on the server in the same order.
import { canonicalDn, foldValue, formatDn, isWithin, parseDn, rebase } from './dn.ts';
import { spell } from './names.ts';
import type { Account, Group, Person, SourceOp, SourceShape, SourceState } from './source-state.ts';
import type { Rng } from '../env/generate/prng.ts';

/** The share of renames and moves after which the source rewrites the references to the object. */
const REFERENTIAL_INTEGRITY = 0.85;

export class SourceEditor {
  /** Operations for the LDAP source since the last `takeOps`. */
  private ops: SourceOp[] = [];

  constructor(
    readonly state: SourceState,
    readonly shape: SourceShape,
    readonly rng: Rng,
  ) {}

  private get ldap(): boolean {
    return this.shape.scenario === 'ldap';
  }

  /** Hands over the operations recorded so far. */
  takeOps(): SourceOp[] {
    const out = this.ops;
    this.ops = [];
    return out;
  }

  /** A fresh number for keys, ids and names. */
  nextNumber(): number {
    return this.state.next++;
  }

  /** The current DN of a person, account or group, spelled in one of the equal ways. */
  refTo(o: { kind: 'person'; p: Person } | { kind: 'account'; a: Account } | { kind: 'group'; g: Group }): string {
    const text = o.kind === 'person' ? this.shape.personDn(o.p) : o.kind === 'account' ? o.a.dn : o.g.dn;
    return spell(text, this.rng, this.rng.next() < 0.2);
  }

  /** Creates a source OU unless one of that name (in any case) exists; returns the name as it exists. */
  addSite(site: string): string {
    const existing = [...this.state.sites].find((s) => foldValue(s) === foldValue(site));
    if (existing !== undefined) return existing;
    this.state.sites.add(site);
    if (this.ldap) this.ops.push({ op: 'add', dn: this.shape.siteDn(site), attributes: { objectClass: ['organizationalUnit'], ou: [site] } });
    return site;
  }

  addPerson(p: Person): void {
    this.state.persons.set(p.key, p);
    this.state.order.set(p.key, this.state.order.size);
    if (this.ldap) {
      p.site = this.addSite(p.site);
      this.ops.push({ op: 'add', dn: this.shape.personDn(p), attributes: this.shape.personAttributes(p) });
    }
  }

  removePerson(p: Person): void {
    this.state.persons.delete(p.key);
    if (this.ldap) this.ops.push({ op: 'delete', dn: this.shape.personDn(p) });
  }

  /** Changes a person; its DN change (if any) is a rename, and references follow it most of the time. */
  changePerson(p: Person, edit: (p: Person) => void): void {
    const dn = this.shape.personDn(p);
    const attrs = this.shape.personAttributes(p);
    edit(p);
    this.afterChange(dn, this.shape.personDn(p), attrs, this.shape.personAttributes(p));
  }

  addGroup(g: Group): void {
    this.state.groups.set(g.key, g);
    this.state.order.set(g.key, this.state.order.size);
    this.keepMember(g);
    if (this.ldap) this.ops.push({ op: 'add', dn: g.dn, attributes: this.shape.groupAttributes(g) });
  }

  removeGroup(g: Group): void {
    this.state.groups.delete(g.key);
    if (this.ldap) this.ops.push({ op: 'delete', dn: g.dn });
  }

  changeGroup(g: Group, edit: (g: Group) => void): void {
    const dn = g.dn;
    const attrs = this.shape.groupAttributes(g);
    edit(g);
    this.keepMember(g);
    this.afterChange(dn, g.dn, attrs, this.shape.groupAttributes(g));
  }

  addAccount(a: Account): void {
    this.state.accounts.set(a.key, a);
    this.state.order.set(a.key, this.state.order.size);
  }

  removeAccount(a: Account): void {
    this.state.accounts.delete(a.key);
  }

  changeAccount(a: Account, edit: (a: Account) => void): void {
    const dn = a.dn;
    edit(a);
    if (canonicalDn(dn) !== canonicalDn(a.dn)) this.followRename(dn, a.dn);
  }

  /** Renames a source OU (LDAP scenario: a subtree rename on the server) and moves its people with it. */
  renameSite(from: string, to: string): void {
    const oldBase = this.shape.siteDn(from);
    const newBase = this.shape.siteDn(to);
    const below = (site: string) => foldValue(site) === foldValue(from);
    for (const s of [...this.state.sites]) if (below(s)) this.state.sites.delete(s);
    this.state.sites.add(to);
    if (this.ldap) this.ops.push({ op: 'rename', dn: oldBase, newRdn: formatDn([parseDn(newBase)[0]], { hexSpecials: true }) });
    for (const p of this.state.persons.values()) if (below(p.site)) p.site = to;
    for (const a of this.state.accounts.values()) {
      if (below(a.site)) {
        a.site = to;
        a.dn = rebase(a.dn, oldBase, newBase);
      }
    }
    this.followRename(oldBase, newBase);
  }

  /** An LDAP group must keep one member: a group left empty keeps a value that names nothing. */
  private keepMember(g: Group): void {
    if (this.ldap && g.member.length === 0) g.member.push(this.shape.groupDn('nobody'));
  }

  private afterChange(oldDn: string, newDn: string, before: Record<string, string[]>, after: Record<string, string[]>): void {
    const renamed = canonicalDn(oldDn) !== canonicalDn(newDn) || parseDn(oldDn)[0][0].value !== parseDn(newDn)[0][0].value;
    if (this.ldap) {
      const replace: Record<string, string[]> = {};
      const newRdn = parseDn(newDn)[0][0];
      if (renamed) {
        const oldParent = canonicalDn(formatDn(parseDn(oldDn).slice(1)));
        const parent = formatDn(parseDn(newDn).slice(1), { hexSpecials: true });
        this.ops.push({
          op: 'rename', dn: oldDn, newRdn: formatDn([[newRdn]], { hexSpecials: true }),
          ...(oldParent !== canonicalDn(parent) ? { newParent: parent } : {}),
        });
      }
      for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
        const a = before[name] ?? [];
        const b = after[name] ?? [];
        // The rename already set the naming attribute to the new RDN value.
        if (renamed && name.toLowerCase() === newRdn.type.toLowerCase() && b.length === 1 && b[0] === newRdn.value) continue;
        if (a.length !== b.length || a.some((v, i) => v !== b[i])) replace[name] = b;
      }
      if (Object.keys(replace).length > 0) this.ops.push({ op: 'modify', dn: newDn, replace });
    }
    if (canonicalDn(oldDn) !== canonicalDn(newDn)) this.followRename(oldDn, newDn);
  }

  /** Rewrites references to `oldDn` or below it (a subtree) to the new DN, as referential integrity would. */
  private followRename(oldDn: string, newDn: string): void {
    if (this.rng.next() >= REFERENTIAL_INTEGRITY) return;
    const moved = (v: string) => {
      try {
        return isWithin(v, oldDn);
      } catch {
        return false;
      }
    };
    const follow = (v: string) => spell(rebase(v, oldDn, newDn), this.rng, this.rng.next() < 0.2);
    for (const p of [...this.state.persons.values()]) {
      if (p.manager !== undefined && moved(p.manager)) this.changePerson(p, (x) => (x.manager = follow(x.manager!)));
    }
    for (const g of [...this.state.groups.values()]) {
      if (g.member.some(moved)) this.changeGroup(g, (x) => (x.member = x.member.map((v) => (moved(v) ? follow(v) : v))));
    }
  }
}
