// Deterministic sample identities for the demo workspace: an HR feed of users and a file of groups.
import { stringify } from 'csv-stringify/sync';
import { seededRandom as prng } from '../model/seeded-random.ts';

const GIVEN = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia', 'Vint', 'Hedy', 'Tim', 'Karen', 'John', 'Sophie', 'Niklaus', 'Shafi', 'Leslie'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Perlman', 'Cerf', 'Lamarr', 'Berners', 'Jones', 'Backus', 'Wilson', 'Wirth', 'Goldwasser', 'Lamport'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Human Resources', 'Operations', 'Legal', 'Marketing', 'Support'];
const TITLES = ['Analyst', 'Engineer', 'Manager', 'Specialist', 'Consultant', 'Coordinator', 'Director', 'Associate'];

export interface DemoUser {
  readonly employeeId: string;
  readonly givenName: string;
  readonly sn: string;
  readonly displayName: string;
  readonly department: string;
  readonly title: string;
  readonly mail: string;
  readonly managerId: string;
  readonly employeeType: string;
}

export interface DemoGroup {
  readonly groupId: string;
  readonly displayName: string;
  readonly description: string;
  readonly members: readonly string[];
}


/** The users one by one, with a manager chain (each reports to someone earlier): no size is held in memory. */
export function* demoUserStream(count: number, seed = 42): Generator<DemoUser> {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const givenName = pick(GIVEN);
    const sn = pick(FAMILY);
    const employeeId = `E${String(10001 + i)}`;
    yield {
      employeeId,
      givenName,
      sn,
      displayName: `${givenName} ${sn}`,
      department: departmentOf(i),
      title: pick(TITLES),
      mail: `${givenName}.${sn}.${10001 + i}@demo.example`.toLowerCase(),
      managerId: i === 0 ? '' : `E${String(10001 + Math.floor(rnd() * i))}`,
      employeeType: rnd() < 0.9 ? 'Employee' : 'Contractor',
    };
  }
}

/** Generates `count` users (see `demoUserStream`). */
export function demoUsers(count: number, seed = 42): DemoUser[] {
  return [...demoUserStream(count, seed)];
}

function departmentOf(index: number): string {
  return DEPARTMENTS[index % DEPARTMENTS.length]!;
}

/** A demo group whose members are computed when asked for. */
export interface DemoGroupSpec extends Omit<DemoGroup, 'members'> {
  members(): Iterable<string>;
}

/** One group per department, plus an all-staff group, for the first `count` users of `demoUserStream`. */
export function demoGroupSpecs(count: number): DemoGroupSpec[] {
  function* ids(department: string | null): Generator<string> {
    for (let i = 0; i < count; i++) if (department === null || departmentOf(i) === department) yield `E${String(10001 + i)}`;
  }
  const groups: DemoGroupSpec[] = DEPARTMENTS.map((d, i) => ({ groupId: `G${100 + i}`, displayName: `Dept ${d}`, description: `Everyone in ${d}`, members: () => ids(d) }));
  groups.push({ groupId: 'G999', displayName: 'All Staff', description: 'Every employee and contractor', members: () => ids(null) });
  return groups;
}

/** The groups of `demoGroupSpecs` with their member lists. */
export function demoGroups(users: readonly DemoUser[]): DemoGroup[] {
  return demoGroupSpecs(users.length).map((g) => ({ groupId: g.groupId, displayName: g.displayName, description: g.description, members: [...g.members()] }));
}

const CSV_COLUMNS = ['employeeId', 'givenName', 'sn', 'displayName', 'department', 'title', 'mail', 'managerId', 'employeeType'];
/** Rows per piece of CSV text. */
const CSV_ROWS = 1000;

/** The HR feed as CSV text, in pieces (header first). */
export function* demoUsersCsvText(users: Iterable<DemoUser>): Generator<string> {
  let rows: DemoUser[] = [];
  let header = true;
  const piece = (): string => {
    const text = stringify(rows.map((u) => ({ ...u })), { header, columns: CSV_COLUMNS });
    header = false;
    rows = [];
    return text;
  };
  for (const u of users) {
    rows.push(u);
    if (rows.length >= CSV_ROWS) yield piece();
  }
  if (rows.length || header) yield piece();
}

/** The HR feed as CSV text. */
export function demoUsersCsv(users: readonly DemoUser[]): string {
  return [...demoUsersCsvText(users)].join('');
}

/** The groups file as JSON text in pieces (members as employee ids), laid out as `JSON.stringify(groups, null, 1)`. */
export function* demoGroupsJsonText(groups: Iterable<DemoGroupSpec>): Generator<string> {
  let first = true;
  yield '[';
  for (const g of groups) {
    yield `${first ? '\n' : ',\n'} {\n  "groupId": ${JSON.stringify(g.groupId)},\n  "displayName": ${JSON.stringify(g.displayName)},\n  "description": ${JSON.stringify(g.description)},\n  "members": [`;
    first = false;
    let n = 0;
    for (const id of g.members()) yield `${n++ ? ',' : ''}\n   ${JSON.stringify(id)}`;
    yield n ? '\n  ]\n }' : ']\n }';
  }
  yield first ? ']\n' : '\n]\n';
}

/** The groups file as JSON text (members as employee ids). */
export function demoGroupsJson(groups: readonly DemoGroup[]): string {
  return [...demoGroupsJsonText(groups.map((g) => ({ ...g, members: () => g.members })))].join('');
}
