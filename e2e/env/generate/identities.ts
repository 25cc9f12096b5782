// Deterministic identity data: users with a manager tree, groups (department, very large, project, nested) and OUs.
// Every user is a pure function of (seed, index), so any size streams in constant memory.
import { CITIES, COMPANIES, DEPARTMENTS, DIVISIONS, GIVEN_NAMES, MANAGER_TITLES, PROJECT_WORDS, SURNAMES, TITLES } from './names.ts';
import { hash32, pick, Rng, unit } from './prng.ts';

export interface GenerateOptions {
  readonly seed: number;
  readonly users: number;
  /** One project group per this many users (default 100). */
  readonly groupsPerUsers?: number;
  /** Number of very large groups; the first holds about 50% of users, each next one half as many (default 2). */
  readonly largeGroups?: number;
  /** Mail and UPN domain (default example.com). */
  readonly domain?: string;
  /**
   * Revision of the data set (default 0). Each later revision changes the title and telephone number of about
   * `changeShare` of the users, as an HR feed changes between two days; everything else stays the same.
   */
  readonly revision?: number;
  /** Share of users a revision changes (default 0.01). */
  readonly changeShare?: number;
}

/** An organizational unit, as a path of names from the top (e.g. ['people', 'Sales']). */
export interface GeneratedOu {
  readonly kind: 'ou';
  readonly path: readonly string[];
}

export interface GeneratedUser {
  readonly kind: 'user';
  readonly index: number;
  readonly ouPath: readonly string[];
  readonly givenName: string;
  readonly sn: string;
  readonly displayName: string;
  /** Unique common name (display name plus employee id). */
  readonly cn: string;
  readonly uid: string;
  readonly sAMAccountName: string;
  readonly mail: string;
  readonly mailNickname: string;
  readonly userPrincipalName: string;
  readonly department: string;
  readonly title: string;
  /** Index of the manager; null for the root of the manager tree. */
  readonly managerIndex: number | null;
  readonly employeeId: string;
  readonly employeeType: string;
  readonly telephoneNumber: string;
  readonly company: string;
  readonly city: string;
  readonly objectGUID: Uint8Array;
  readonly proxyAddresses: readonly string[];
  readonly accountEnabled: boolean;
}

/** A member of a group: a user by index or another group by name. */
export type MemberRef = { readonly kind: 'user'; readonly index: number } | { readonly kind: 'group'; readonly name: string };

export interface GeneratedGroup {
  readonly kind: 'group';
  readonly index: number;
  readonly name: string;
  readonly description: string;
  readonly category: 'department' | 'large' | 'project' | 'division' | 'all';
  readonly mailNickname: string;
  readonly objectGUID: Uint8Array;
  /** Members in a stable order; computed on demand so very large groups are never held in memory. */
  members(): Iterable<MemberRef>;
}

export type IdentityRecord = GeneratedOu | GeneratedUser | GeneratedGroup;

/** Manager tree fan-out: user i reports to user floor((i - 1) / FANOUT), so the tree has no cycles. */
const FANOUT = 7;
const USER_TAG = 0x10;
const GROUP_TAG = 0x20;

/** The generated directory for one set of options; users and groups are computed on demand. */
export class IdentitySet {
  readonly seed: number;
  readonly users: number;
  readonly domain: string;
  readonly departments: number;
  private groupList: GeneratedGroup[] | undefined;

  constructor(private readonly options: GenerateOptions) {
    if (!Number.isSafeInteger(options.users) || options.users < 0) throw new Error(`users must be a non-negative integer, got ${options.users}`);
    this.seed = hash32(options.seed >>> 0, Math.floor(options.seed / 0x1_0000_0000) >>> 0);
    this.users = options.users;
    this.domain = options.domain ?? 'example.com';
    this.departments = Math.min(DEPARTMENTS.length, Math.max(1, options.users));
  }

  /** Department index of a user; the first users cover every department so none is empty. */
  departmentOf(i: number): number {
    return i < this.departments ? i : pick(this.departments, this.seed, 1, i);
  }

  /** Manager index of a user (null for the root). */
  managerOf(i: number): number | null {
    return i === 0 ? null : Math.floor((i - 1) / FANOUT);
  }

  /** The user at an index. */
  userAt(i: number): GeneratedUser {
    const [given, givenAscii = given.toLowerCase()] = GIVEN_NAMES[pick(GIVEN_NAMES.length, this.seed, 2, i)];
    const [sn, snAscii = sn.toLowerCase()] = SURNAMES[pick(SURNAMES.length, this.seed, 3, i)];
    const g = givenAscii.toLowerCase();
    const s = snAscii.toLowerCase();
    const r = new Rng(this.seed, 4, i);
    const uid = `${g[0]}${s}${i}`;
    const sam = uid.length <= 20 ? uid : `${g[0]}${s.slice(0, 19 - String(i).length)}${i}`;
    const mailNickname = `${g}.${s}${i}`;
    const mail = `${mailNickname}@${this.domain}`;
    const employeeId = `E${String(i + 1).padStart(7, '0')}`;
    const department = this.departments ? DEPARTMENTS[this.departmentOf(i)] : DEPARTMENTS[0];
    const isManager = FANOUT * i + 1 < this.users;
    const proxyAddresses = [`SMTP:${mail}`, `smtp:${uid}@${this.domain}`];
    if (r.next() < 0.3) proxyAddresses.push(`smtp:${uid}@legacy.${this.domain}`);
    const typeRoll = r.next();
    let title = isManager ? r.of(MANAGER_TITLES) : r.of(TITLES);
    let telephoneNumber = `+1 ${200 + r.int(800)} 555 ${String(r.int(10000)).padStart(4, '0')}`;
    const revision = this.options.revision ?? 0;
    if (revision > 0 && this.changedIn(i, revision)) {
      const c = new Rng(this.seed, 9, revision, i);
      title = `${c.of(isManager ? MANAGER_TITLES : TITLES)} (rev ${revision})`;
      telephoneNumber = `+1 ${200 + c.int(800)} 556 ${String(c.int(10000)).padStart(4, '0')}`;
    }
    return {
      kind: 'user',
      index: i,
      ouPath: ['people', department],
      givenName: given,
      sn,
      displayName: `${given} ${sn}`,
      cn: `${given} ${sn} ${employeeId}`,
      uid,
      sAMAccountName: sam,
      mail,
      mailNickname,
      userPrincipalName: mail,
      department,
      title,
      managerIndex: this.managerOf(i),
      employeeId,
      employeeType: typeRoll < 0.85 ? 'Employee' : typeRoll < 0.95 ? 'Contractor' : 'Intern',
      telephoneNumber,
      company: r.of(COMPANIES),
      city: r.of(CITIES),
      objectGUID: guid(USER_TAG, i, r),
      proxyAddresses,
      accountEnabled: r.next() < 0.95,
    };
  }

  /** True when the given revision changes this user (see `GenerateOptions.revision`). */
  changedIn(i: number, revision: number): boolean {
    return revision > 0 && unit(this.seed, 8, revision, i) < (this.options.changeShare ?? 0.01);
  }

  /** Organizational units, parents first. */
  ous(): GeneratedOu[] {
    const used = DEPARTMENTS.slice(0, this.departments);
    return [{ kind: 'ou', path: ['people'] }, ...used.map((d): GeneratedOu => ({ kind: 'ou', path: ['people', d] })), { kind: 'ou', path: ['groups'] }];
  }

  /** All groups, ordered so that every nested group comes after the groups it contains (see `eachGroup`). */
  groups(): readonly GeneratedGroup[] {
    this.groupList ??= [...this.eachGroup()];
    return this.groupList;
  }

  /** The number of groups. */
  groupCount(): number {
    const l = this.layout();
    return l.total;
  }

  /** The groups one by one, computed on demand: a large directory's group list is never held in memory. */
  *eachGroup(): Generator<GeneratedGroup> {
    const total = this.groupCount();
    for (let i = 0; i < total; i++) yield this.groupAt(i);
  }

  /** The group at an index (see `groups` for the order). */
  groupAt(index: number): GeneratedGroup {
    const l = this.layout();
    if (!Number.isInteger(index) || index < 0 || index >= l.total) throw new Error(`no group at index ${index} (there are ${l.total})`);
    const make = (name: string, description: string, category: GeneratedGroup['category'], members: () => Iterable<MemberRef>): GeneratedGroup => ({
      kind: 'group', index, name, description, category, mailNickname: slug(name), objectGUID: guid(GROUP_TAG, index, new Rng(this.seed, 5, index)), members,
    });
    if (index < l.firstLarge) {
      const d = index;
      return make(`Dept ${DEPARTMENTS[d]}`, `Everyone in ${DEPARTMENTS[d]}`, 'department', () => this.filterUsers((i) => this.departmentOf(i) === d));
    }
    if (index < l.firstProject) {
      const g = index - l.firstLarge;
      const share = 0.5 / 2 ** g;
      return make(`All Staff ${g + 1}`, `About ${Math.round(share * 100)}% of all users`, 'large', () => this.filterUsers((i) => unit(this.seed, 6, g, i) < share));
    }
    if (index < l.firstDivision) {
      const p = index - l.firstProject;
      return make(projectName(p), `Project team ${p + 1}`, 'project', () => this.projectMembers(p));
    }
    const divisionNames = l.divisions.map((division) => `Division ${division.name}`);
    if (index < l.total - 1) {
      const division = l.divisions[index - l.firstDivision];
      const depts = division.departments.filter((d) => d < this.departments);
      return make(divisionNames[index - l.firstDivision], `Departments of the ${division.name} division`, 'division', () => depts.map((d): MemberRef => ({ kind: 'group', name: `Dept ${DEPARTMENTS[d]}` })));
    }
    return make('All Departments', 'Every division', 'all', () => divisionNames.map((name): MemberRef => ({ kind: 'group', name })));
  }

  /** Where each kind of group starts in the group order. */
  private layout(): { firstLarge: number; firstProject: number; firstDivision: number; total: number; divisions: typeof DIVISIONS } {
    if (this.users === 0) return { firstLarge: 0, firstProject: 0, firstDivision: 0, total: 0, divisions: [] };
    const firstLarge = this.departments;
    const firstProject = firstLarge + (this.options.largeGroups ?? 2);
    const firstDivision = firstProject + Math.ceil(this.users / (this.options.groupsPerUsers ?? 100));
    const divisions = DIVISIONS.filter((division) => division.departments.some((d) => d < this.departments));
    return { firstLarge, firstProject, firstDivision, total: firstDivision + divisions.length + 1, divisions };
  }

  private *filterUsers(test: (i: number) => boolean): Generator<MemberRef> {
    for (let i = 0; i < this.users; i++) if (test(i)) yield { kind: 'user', index: i };
  }

  /** 3–40 random users; every tenth project also contains the previous project's group. */
  private projectMembers(p: number): MemberRef[] {
    const r = new Rng(this.seed, 7, p);
    const size = Math.min(this.users, 3 + r.int(38));
    const chosen = new Set<number>();
    while (chosen.size < size) chosen.add(r.int(this.users));
    const members: MemberRef[] = [...chosen].sort((a, b) => a - b).map((index) => ({ kind: 'user', index }));
    if (p > 0 && p % 10 === 0) members.push({ kind: 'group', name: projectName(p - 1) });
    return members;
  }

  /** Every record: OUs, then users by index, then groups. */
  *records(): Generator<IdentityRecord> {
    yield* this.ous();
    for (let i = 0; i < this.users; i++) yield this.userAt(i);
    yield* this.eachGroup();
  }
}

/** Iterates over the generated OUs, users and groups; the same options always give the same records. */
export function generateIdentities(options: GenerateOptions): Generator<IdentityRecord> {
  return new IdentitySet(options).records();
}

/** A 16-byte objectGUID-style value: the index in the first bytes keeps it unique, the rest is random. */
function guid(tag: number, index: number, r: Rng): Uint8Array {
  const b = new Uint8Array(16);
  new DataView(b.buffer).setUint32(0, index, true);
  b[4] = tag;
  for (let k = 5; k < 16; k++) b[k] = r.int(256);
  b[7] = (b[7] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return b;
}

/** The GUID as the usual 8-4-4-4-12 hex text. */
export function guidText(bytes: Uint8Array): string {
  const h = Buffer.from(bytes).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function projectName(p: number): string {
  return `Project ${PROJECT_WORDS[p % PROJECT_WORDS.length]} ${p + 1}`;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
