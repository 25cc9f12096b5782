// A seeded generator of day-two churn between sync cycles: the initial content of the sources, then one step
// of realistic changes per cycle. Each step names its events (kind and the objects touched), so a difference
// found after the cycle can be traced back to the churn that caused it. The same seed gives the same steps.
import { canonicalDn, foldValue, tryCanonicalDn } from './dn.ts';
import { DEPARTMENTS, SITES, givenName, groupName, otherCase, personName, spell, title } from './names.ts';
import { SourceEditor } from './source-editor.ts';
import { emptyState, type Account, type Group, type Person, type SourceOp, type SourceShape, type SourceState, type Status } from './source-state.ts';
import { Rng } from '../env/generate/prng.ts';

/** Every kind of churn; each step forces one kind in turn, so 20 cycles see every kind at least once. */
export const CHURN_KINDS = [
  'add', 'delete', 'attribute', 'rename', 'case-rename', 'move', 'source-move', 'subtree-rename', 'department-rename',
  'manager', 'membership', 'forward-reference', 'cyclic-reference', 'dangling-reference', 'scope-out', 'scope-in',
  'recreate-dn', 'escaping-only', 'group-change', 'account-change',
] as const;
export type ChurnKind = (typeof CHURN_KINDS)[number];

/** How often a kind is drawn for the extra events of a step (the mass changes come only in turn). */
const WEIGHTS: Readonly<Record<ChurnKind, number>> = {
  add: 3, delete: 2, attribute: 4, rename: 2, 'case-rename': 1, move: 2, 'source-move': 1, 'subtree-rename': 0, 'department-rename': 0,
  manager: 3, membership: 3, 'forward-reference': 1, 'cyclic-reference': 0.5, 'dangling-reference': 1, 'scope-out': 1.5, 'scope-in': 1.5,
  'recreate-dn': 0.5, 'escaping-only': 1, 'group-change': 1, 'account-change': 1.5,
};

/** One change of a step: its kind, the keys of the objects it touched, and what it did. */
export interface ChurnEvent {
  readonly kind: ChurnKind;
  readonly subjects: readonly string[];
  readonly text: string;
}

export interface ChurnStep {
  readonly cycle: number;
  readonly events: readonly ChurnEvent[];
  /** The same step as writes to an LDAP source, in order (empty for file sources). */
  readonly ops: readonly SourceOp[];
}

export interface GeneratorOptions {
  readonly seed: number;
  /** People in the initial content. */
  readonly persons: number;
}

export class ChurnGenerator {
  readonly state: SourceState = emptyState();
  private readonly rng: Rng;
  private readonly ed: SourceEditor;
  private events: ChurnEvent[] = [];
  private readonly kinds: readonly ChurnKind[];

  constructor(
    readonly shape: SourceShape,
    readonly options: GeneratorOptions,
  ) {
    this.rng = new Rng(options.seed, shape.scenario === 'files' ? 1 : 2);
    this.ed = new SourceEditor(this.state, shape, this.rng);
    this.kinds = shape.scenario === 'files' ? CHURN_KINDS : CHURN_KINDS.filter((k) => k !== 'account-change');
  }

  /** The initial content: people (with managers, some forward and some dangling), accounts and groups. */
  initial(): ChurnStep {
    const n = this.options.persons;
    for (const site of SITES.slice(0, 3)) this.ed.addSite(site);
    const people: Person[] = [];
    for (let i = 0; i < n; i++) people.push(this.newPerson({ status: this.rng.of<Status>(['active', 'active', 'active', 'active', 'active', 'active', 'active', 'leave', 'terminated']) }));
    for (const p of people) {
      const r = this.rng.next();
      if (r < 0.6) p.manager = this.ed.refTo({ kind: 'person', p: this.rng.of(people.filter((x) => x !== p)) });
      else if (r < 0.65) p.manager = this.danglingPerson();
      this.ed.addPerson(p);
    }
    if (this.shape.scenario === 'files') {
      for (const p of people) if (this.rng.next() < 0.85) this.ed.addAccount(this.newAccount(p.employeeId));
      for (let i = 0; i < Math.max(2, Math.floor(n / 10)); i++) this.ed.addAccount(this.newAccount(String(1000 + this.ed.nextNumber())));
    }
    for (let i = 0; i < Math.max(4, Math.floor(n / 6)); i++) {
      const g = this.newGroup();
      for (let k = 1 + this.rng.int(5); k > 0; k--) this.addRandomMember(g);
      if (this.rng.next() < 0.1) g.member.push(this.danglingMember());
      this.ed.addGroup(g);
    }
    this.checkInvariants();
    return { cycle: 0, events: [{ kind: 'add', subjects: [], text: `initial content: ${this.state.persons.size} people, ${this.state.accounts.size} accounts, ${this.state.groups.size} groups` }], ops: this.ed.takeOps() };
  }

  /** One step of churn: the kind in turn for this cycle, then `extra` events drawn by weight. */
  step(cycle: number, extra: number): ChurnStep {
    this.events = [];
    this.apply(this.kinds[(cycle - 1) % this.kinds.length]);
    const pool = this.kinds.filter((k) => WEIGHTS[k] > 0);
    const total = pool.reduce((s, k) => s + WEIGHTS[k], 0);
    for (let i = 0; i < extra; i++) {
      let r = this.rng.next() * total;
      const kind = pool.find((k) => (r -= WEIGHTS[k]) < 0) ?? 'attribute';
      this.apply(kind);
    }
    this.checkInvariants();
    return { cycle, events: this.events, ops: this.ed.takeOps() };
  }

  /** Applies one event of the kind; a kind that has nothing to work on (no one out of scope…) adds someone instead. */
  private apply(kind: ChurnKind): void {
    const done = this.kindHandlers[kind]();
    if (!done) this.kindHandlers.add();
  }

  private note(kind: ChurnKind, subjects: readonly string[], text: string): true {
    this.events.push({ kind, subjects, text });
    return true;
  }

  private readonly kindHandlers: Readonly<Record<ChurnKind, () => boolean>> = {
    add: () => {
      const p = this.newPerson({});
      if (this.rng.next() < 0.6) p.manager = this.refToPerson();
      this.ed.addPerson(p);
      const a = this.shape.scenario === 'files' && this.rng.next() < 0.7 ? this.newAccount(p.employeeId) : undefined;
      if (a) this.ed.addAccount(a);
      const g = this.anyGroup();
      if (g && (a || this.shape.scenario === 'ldap')) this.ed.changeGroup(g, (x) => x.member.push(a ? this.ed.refTo({ kind: 'account', a }) : this.ed.refTo({ kind: 'person', p })));
      return this.note('add', [p.key, ...(a ? [a.key] : []), ...(g ? [g.key] : [])], `add ${p.key} "${p.cn}" (${p.status}, ${p.department})${g ? ` to ${g.key}` : ''}`);
    },
    delete: () => {
      const p = this.anyPerson();
      if (!p) return false;
      this.ed.removePerson(p);
      const a = this.accountOf(p);
      if (a && this.rng.next() < 0.5) this.removeAccount(a);
      return this.note('delete', [p.key, ...(a ? [a.key] : [])], `delete ${p.key} "${p.cn}"`);
    },
    attribute: () => {
      const p = this.anyPerson();
      if (!p) return false;
      const field = this.rng.of(this.shape.scenario === 'ldap' ? ['title', 'sn', 'givenName', 'mail'] as const : ['title', 'sn', 'givenName'] as const);
      const before = p[field];
      this.ed.changePerson(p, (x) => {
        if (field === 'sn') x.sn = `${this.rng.of(['Lee', 'Groß', 'Ng, Jr.', 'Ó Sé'])}${this.ed.nextNumber()}`;
        else if (this.rng.next() < 0.3) delete x[field];
        else x[field] = field === 'title' ? title(this.rng) : field === 'mail' ? `m${this.ed.nextNumber()}@example.test` : givenName(this.rng);
      });
      return this.note('attribute', [p.key], `${p.key} ${field}: ${JSON.stringify(before)} → ${JSON.stringify(p[field])}`);
    },
    rename: () => {
      const p = this.anyPerson();
      if (!p) return false;
      const before = p.cn;
      this.ed.changePerson(p, (x) => (x.cn = personName(this.rng, this.ed.nextNumber())));
      return this.note('rename', [p.key], `rename ${p.key} "${before}" → "${p.cn}"`);
    },
    'case-rename': () => {
      const p = this.anyPerson((x) => x.status === 'active' && otherCase(x.cn, this.rng) !== x.cn);
      if (!p) return false;
      const before = p.cn;
      this.ed.changePerson(p, (x) => (x.cn = otherCase(x.cn, this.rng)));
      return this.note('case-rename', [p.key], `case-only rename ${p.key} "${before}" → "${p.cn}"`);
    },
    move: () => {
      const p = this.anyPerson();
      if (!p) return false;
      const before = p.department;
      this.ed.changePerson(p, (x) => (x.department = this.rng.of(DEPARTMENTS.filter((d) => foldValue(d) !== foldValue(before)))));
      return this.note('move', [p.key], `move ${p.key} department "${before}" → "${p.department}"`);
    },
    'source-move': () => {
      if (this.shape.scenario === 'files') {
        const a = this.anyAccount();
        if (!a) return false;
        const site = this.rng.of(SITES.filter((s) => s !== a.site));
        this.ed.changeAccount(a, (x) => {
          x.site = site;
          x.dn = this.shape.accountDn(x.login, site);
        });
        return this.note('source-move', this.withPerson(a), `move account ${a.key} to site "${site}"`);
      }
      const p = this.anyPerson();
      if (!p) return false;
      const site = this.ed.addSite(this.rng.of(SITES.filter((s) => foldValue(s) !== foldValue(p.site))));
      this.ed.changePerson(p, (x) => (x.site = site));
      return this.note('source-move', [p.key], `move ${p.key} to source OU "${site}"`);
    },
    'subtree-rename': () => {
      const used = [...new Set((this.shape.scenario === 'files' ? [...this.state.accounts.values()] : [...this.state.persons.values()]).map((x) => x.site))];
      if (used.length === 0) return false;
      const from = this.rng.of(used);
      const free = SITES.filter((s) => ![...this.state.sites, ...used].some((u) => foldValue(u) === foldValue(s)));
      const to = free.length > 0 && this.rng.next() < 0.75 ? this.rng.of(free) : otherCase(from, this.rng);
      if (to === from) return false;
      const below = (site: string) => foldValue(site) === foldValue(from);
      const moved = [...[...this.state.persons.values()].filter((p) => below(p.site)).map((p) => p.key), ...[...this.state.accounts.values()].filter((a) => below(a.site)).flatMap((a) => this.withPerson(a))];
      this.ed.renameSite(from, to);
      return this.note('subtree-rename', moved, `rename source OU "${from}" → "${to}" (${moved.length} objects below it)`);
    },
    'department-rename': () => {
      const used = [...new Set([...this.state.persons.values()].map((p) => p.department))];
      const from = this.rng.of(used);
      const free = DEPARTMENTS.filter((d) => !used.some((u) => foldValue(u) === foldValue(d)));
      const to = free.length > 0 && this.rng.next() < 0.75 ? this.rng.of(free) : otherCase(from, this.rng);
      if (to === from) return false;
      const moved = [...this.state.persons.values()].filter((p) => p.department === from);
      for (const p of moved) this.ed.changePerson(p, (x) => (x.department = to));
      return this.note('department-rename', moved.map((p) => p.key), `department "${from}" → "${to}" (${moved.length} people move)`);
    },
    manager: () => {
      const p = this.anyPerson();
      if (!p) return false;
      const m = this.rng.next() < 0.2 ? undefined : this.anyPerson((x) => x !== p);
      this.ed.changePerson(p, (x) => (x.manager = m ? this.ed.refTo({ kind: 'person', p: m }) : undefined));
      return this.note('manager', [p.key, ...(m ? [m.key] : [])], `${p.key} manager → ${m?.key ?? 'none'}`);
    },
    membership: () => {
      const g = this.anyGroup();
      if (!g) return false;
      const before = g.member.length;
      this.ed.changeGroup(g, (x) => {
        if (x.member.length > 0 && this.rng.next() < 0.6) x.member.splice(this.rng.int(x.member.length), 1);
        for (let k = this.rng.int(3); k > 0; k--) this.addRandomMember(x);
      });
      return this.note('membership', [g.key], `${g.key} members ${before} → ${g.member.length}`);
    },
    'forward-reference': () => {
      // A person whose manager comes later in the same step, and a new group whose members all come later.
      const later = this.newPerson({ status: 'active' });
      const first = this.newPerson({ status: 'active' });
      first.manager = this.ed.refTo({ kind: 'person', p: later });
      this.ed.addPerson(first);
      const members = [this.newPerson({ status: 'active' }), this.newPerson({ status: 'active' })];
      const accounts = this.shape.scenario === 'files' ? members.map((p) => this.newAccount(p.employeeId)) : [];
      const g = this.newGroup();
      g.member = this.shape.scenario === 'files' ? accounts.map((a) => this.ed.refTo({ kind: 'account', a })) : members.map((p) => this.ed.refTo({ kind: 'person', p }));
      this.ed.addGroup(g);
      this.ed.addPerson(later);
      for (const p of members) this.ed.addPerson(p);
      for (const a of accounts) this.ed.addAccount(a);
      return this.note('forward-reference', [first.key, later.key, g.key, ...members.map((p) => p.key), ...accounts.map((a) => a.key)],
        `add ${first.key} managed by ${later.key} (added after it); add ${g.key} whose members ${members.map((p) => p.key).join(', ')} are added after it`);
    },
    'cyclic-reference': () => {
      const a = this.anyPerson((x) => x.status === 'active');
      const b = this.anyPerson((x) => x.status === 'active' && x !== a);
      if (!a || !b) return false;
      this.ed.changePerson(a, (x) => (x.manager = this.ed.refTo({ kind: 'person', p: b })));
      this.ed.changePerson(b, (x) => (x.manager = this.ed.refTo({ kind: 'person', p: a })));
      const g1 = this.newGroup();
      const g2 = this.newGroup();
      g1.member = [this.ed.refTo({ kind: 'group', g: g2 })];
      g2.member = [this.ed.refTo({ kind: 'group', g: g1 })];
      this.ed.addGroup(g1);
      this.ed.addGroup(g2);
      return this.note('cyclic-reference', [a.key, b.key, g1.key, g2.key], `${a.key} ⇄ ${b.key} manage each other; new groups ${g1.key} ∋ ${g2.key} ∋ ${g1.key}`);
    },
    'dangling-reference': () => {
      const p = this.anyPerson();
      const g = this.anyGroup();
      if (!p || !g) return false;
      this.ed.changePerson(p, (x) => (x.manager = this.danglingPerson()));
      this.ed.changeGroup(g, (x) => x.member.push(this.danglingMember()));
      return this.note('dangling-reference', [p.key, g.key], `${p.key} manager → ${p.manager}; ${g.key} member += ${g.member.at(-1)}`);
    },
    'scope-out': () => {
      const p = this.anyPerson((x) => x.status === 'active');
      if (!p) return false;
      this.ed.changePerson(p, (x) => (x.status = this.rng.of(['leave', 'terminated'] as const)));
      return this.note('scope-out', [p.key], `${p.key} status active → ${p.status}`);
    },
    'scope-in': () => {
      const p = this.anyPerson((x) => x.status !== 'active');
      if (!p) return false;
      const before = p.status;
      this.ed.changePerson(p, (x) => (x.status = 'active'));
      return this.note('scope-in', [p.key], `${p.key} status ${before} → active`);
    },
    'recreate-dn': () => {
      const old = this.anyPerson((x) => x.status === 'active');
      if (!old) return false;
      this.ed.removePerson(old);
      const p = this.newPerson({ status: 'active' });
      Object.assign(p, { cn: old.cn, department: old.department, site: old.site });
      this.ed.addPerson(p);
      const subjects = [old.key, p.key];
      let text = `delete ${old.key} and add ${p.key} with the same name "${p.cn}" and department`;
      const g = this.anyGroup();
      if (g && this.rng.next() < 0.5) {
        this.ed.removeGroup(g);
        const again = this.newGroup();
        Object.assign(again, { cn: g.cn, dn: g.dn });
        this.addRandomMember(again);
        this.ed.addGroup(again);
        subjects.push(g.key, again.key);
        text += `; delete group ${g.key} and add ${again.key} at the same DN`;
      }
      return this.note('recreate-dn', subjects, text);
    },
    'escaping-only': () => {
      const subjects: string[] = [];
      if (this.shape.scenario === 'files') {
        const g = this.anyGroup();
        if (g) {
          this.ed.changeGroup(g, (x) => (x.dn = this.respell(x.dn)));
          subjects.push(g.key);
        }
        const a = this.anyAccount();
        if (a) {
          this.ed.changeAccount(a, (x) => (x.dn = this.respell(x.dn)));
          subjects.push(...this.withPerson(a));
        }
      }
      const p = this.anyPerson((x) => x.manager !== undefined);
      if (p) {
        this.ed.changePerson(p, (x) => (x.manager = this.respell(x.manager!)));
        subjects.push(p.key);
      }
      const h = this.anyGroup((x) => x.member.length > 0);
      if (h) {
        this.ed.changeGroup(h, (x) => (x.member = x.member.map((v) => this.respell(v))));
        subjects.push(h.key);
      }
      return subjects.length > 0 && this.note('escaping-only', subjects, `the same DNs written another way: ${subjects.join(', ')}`);
    },
    'group-change': () => {
      const g = this.anyGroup();
      const r = this.rng.next();
      if (!g || r < 0.2) {
        const n = this.newGroup();
        for (let k = 1 + this.rng.int(3); k > 0; k--) this.addRandomMember(n);
        this.ed.addGroup(n);
        return this.note('group-change', [n.key], `add group ${n.key} "${n.cn}"`);
      }
      if (r < 0.35) {
        this.ed.removeGroup(g);
        return this.note('group-change', [g.key], `delete group ${g.key} "${g.cn}"`);
      }
      const before = g.cn;
      if (r < 0.55) {
        this.ed.changeGroup(g, (x) => this.renameGroup(x, groupName(this.rng, this.ed.nextNumber())));
      } else if (r < 0.8) {
        this.ed.changeGroup(g, (x) => this.renameGroup(x, otherCase(x.cn, this.rng)));
      } else {
        this.ed.changeGroup(g, (x) => (x.description = this.rng.next() < 0.3 ? undefined : `about ${this.ed.nextNumber()}`));
        return this.note('group-change', [g.key], `${g.key} description → ${JSON.stringify(g.description)}`);
      }
      return this.note('group-change', [g.key], `rename group ${g.key} "${before}" → "${g.cn}"`);
    },
    'account-change': () => {
      const r = this.rng.next();
      const withAccount = new Set([...this.state.accounts.values()].map((a) => a.employeeId));
      const hrOnly = [...this.state.persons.values()].filter((p) => !withAccount.has(p.employeeId));
      if (r < 0.3 && hrOnly.length > 0) {
        const p = this.rng.of(hrOnly);
        const a = this.newAccount(p.employeeId);
        this.ed.addAccount(a);
        return this.note('account-change', [p.key, a.key], `add account ${a.key} for ${p.key} (joins)`);
      }
      const employed = new Set([...this.state.persons.values()].map((p) => p.employeeId));
      const jsonOnly = [...this.state.accounts.values()].filter((a) => !employed.has(a.employeeId));
      if (r < 0.45 && jsonOnly.length > 0) {
        const a = this.rng.of(jsonOnly);
        const p = this.newPerson({ status: 'active' });
        p.employeeId = a.employeeId;
        this.ed.addPerson(p);
        return this.note('account-change', [p.key, a.key], `hire ${p.key} for the account-only ${a.key} (joins)`);
      }
      const a = this.anyAccount();
      if (!a) return false;
      if (r < 0.6) {
        const subjects = this.withPerson(a);
        this.removeAccount(a);
        return this.note('account-change', subjects, `delete account ${a.key}`);
      }
      const field = r < 0.8 ? 'mail' : 'jobTitle';
      this.ed.changeAccount(a, (x) => (x[field] = this.rng.next() < 0.3 ? undefined : field === 'mail' ? `m${this.ed.nextNumber()}@example.test` : title(this.rng)));
      return this.note('account-change', this.withPerson(a), `account ${a.key} ${field} → ${JSON.stringify(a[field])}`);
    },
  };

  private newPerson(init: { status?: Status }): Person {
    const n = this.ed.nextNumber();
    const cn = personName(this.rng, n);
    return {
      key: `p${n}`, employeeId: String(1000 + n), cn, sn: cn.split(' ')[0].replace(/[^\p{L}]/gu, '') || 'X',
      ...(this.rng.next() < 0.8 ? { givenName: givenName(this.rng) } : {}),
      ...(this.rng.next() < 0.7 ? { title: title(this.rng) } : {}),
      ...(this.shape.scenario === 'ldap' && this.rng.next() < 0.8 ? { mail: `e${n}@example.test` } : {}),
      department: this.rng.of(DEPARTMENTS.slice(0, 4)),
      status: init.status ?? this.rng.of<Status>(['active', 'active', 'active', 'leave']),
      site: this.rng.of([...this.state.sites]),
    };
  }

  private newAccount(employeeId: string): Account {
    const n = this.ed.nextNumber();
    const login = `${this.rng.of(['ann', 'bo', 'cy', 'dé', 'e+f'])}${n}`;
    const site = this.rng.of(SITES.slice(0, 3));
    return {
      key: `a${n}`, employeeId, login, site, dn: this.shape.accountDn(login, site),
      ...(this.rng.next() < 0.9 ? { mail: `${n}@dir.example.test` } : {}),
      ...(this.rng.next() < 0.5 ? { jobTitle: title(this.rng) } : {}),
    };
  }

  private newGroup(): Group {
    const n = this.ed.nextNumber();
    const cn = groupName(this.rng, n);
    return { key: `g${n}`, cn, member: [], dn: this.shape.groupDn(cn), ...(this.rng.next() < 0.6 ? { description: `group ${n}` } : {}) };
  }

  /** Renames a group; the files scenario sometimes keeps the DN when only the case changes. */
  private renameGroup(g: Group, cn: string): void {
    const caseOnly = foldValue(cn) === foldValue(g.cn);
    g.cn = cn;
    if (!(caseOnly && this.shape.scenario === 'files' && this.rng.next() < 0.5)) g.dn = this.shape.groupDn(cn);
  }

  private removeAccount(a: Account): void {
    this.ed.removeAccount(a);
    if (this.rng.next() < 0.5) return;
    // The directory drops the references to a deleted account half of the time.
    const dn = canonicalDn(a.dn);
    for (const g of this.state.groups.values()) {
      if (g.member.some((v) => canonicalDn(v) === dn)) this.ed.changeGroup(g, (x) => (x.member = x.member.filter((v) => canonicalDn(v) !== dn)));
    }
  }

  /** Adds a member that the group does not have yet (a person or account, sometimes a group). */
  private addRandomMember(g: Group): void {
    const nested = this.rng.next() < 0.15 ? this.anyGroup((x) => x !== g) : undefined;
    const a = this.shape.scenario === 'files' ? this.anyAccount() : undefined;
    const p = this.shape.scenario === 'ldap' ? this.anyPerson() : undefined;
    const ref = nested ? this.ed.refTo({ kind: 'group', g: nested }) : a ? this.ed.refTo({ kind: 'account', a }) : p ? this.ed.refTo({ kind: 'person', p }) : undefined;
    if (ref === undefined) return;
    const key = canonicalDn(ref);
    if (!g.member.some((v) => tryCanonicalDn(v) === key)) g.member.push(ref);
  }

  private refToPerson(): string | undefined {
    const m = this.anyPerson();
    return m ? this.ed.refTo({ kind: 'person', p: m }) : undefined;
  }

  /** A DN of a person that does not exist (never allocated), or of an entry outside the synchronized objects. */
  private danglingPerson(): string {
    const n = this.ed.nextNumber();
    if (this.shape.scenario === 'files') return `employeeId=X${n},ou=hr`;
    return this.rng.next() < 0.7 ? this.shape.personDn({ cn: `Ghost ${n}`, site: SITES[0] } as Person) : this.shape.siteDn(SITES[0]);
  }

  private danglingMember(): string {
    const n = this.ed.nextNumber();
    return this.shape.scenario === 'files' ? this.shape.accountDn(`ghost${n}`, SITES[0]) : this.shape.groupDn(`Ghost group ${n}`);
  }

  /** The same DN in another spelling than the current one. */
  private respell(text: string): string {
    for (let i = 0; i < 5; i++) {
      const s = spell(text, this.rng, this.rng.next() < 0.3);
      if (s !== text) return s;
    }
    return text.replace(/^([^=]+)=/, (_, t: string) => `${t === t.toUpperCase() ? t.toLowerCase() : t.toUpperCase()}=`);
  }

  private accountOf(p: Person): Account | undefined {
    for (const a of this.state.accounts.values()) if (a.employeeId === p.employeeId) return a;
    return undefined;
  }

  /** The account's key and that of the person it joins (whose target entries it feeds). */
  private withPerson(a: Account): string[] {
    const p = this.personOf(a);
    return p ? [a.key, p.key] : [a.key];
  }

  private personOf(a: Account): Person | undefined {
    for (const p of this.state.persons.values()) if (p.employeeId === a.employeeId) return p;
    return undefined;
  }

  private anyPerson(filter: (p: Person) => boolean = () => true): Person | undefined {
    const list = [...this.state.persons.values()].filter(filter);
    return list.length > 0 ? this.rng.of(list) : undefined;
  }

  private anyGroup(filter: (g: Group) => boolean = () => true): Group | undefined {
    const list = [...this.state.groups.values()].filter(filter);
    return list.length > 0 ? this.rng.of(list) : undefined;
  }

  private anyAccount(): Account | undefined {
    const list = [...this.state.accounts.values()];
    return list.length > 0 ? this.rng.of(list) : undefined;
  }

  /** The generator's own promises: unique source DNs, unique names, one account per employee. */
  private checkInvariants(): void {
    const seen = new Map<string, string>();
    const claim = (key: string, owner: string, what: string) => {
      const other = seen.get(key);
      if (other) throw new Error(`churn generator bug: ${owner} and ${other} share the ${what} ${key}`);
      seen.set(key, owner);
    };
    for (const p of this.state.persons.values()) {
      claim(`dn:${canonicalDn(this.shape.personDn(p))}`, p.key, 'source DN');
      claim(`cn:${foldValue(p.cn)}`, p.key, 'name');
      claim(`id:${p.employeeId}`, p.key, 'employeeId');
    }
    for (const a of this.state.accounts.values()) {
      claim(`dn:${canonicalDn(a.dn)}`, a.key, 'source DN');
      claim(`account:${a.employeeId}`, a.key, 'account employeeId');
    }
    for (const g of this.state.groups.values()) {
      claim(`dn:${canonicalDn(g.dn)}`, g.key, 'source DN');
      claim(`group:${foldValue(g.cn)}`, g.key, 'group name');
    }
  }
}
