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


/** Generates `count` users with a manager chain (each reports to someone earlier in the list). */
export function demoUsers(count: number, seed = 42): DemoUser[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const users: DemoUser[] = [];
  for (let i = 0; i < count; i++) {
    const givenName = pick(GIVEN);
    const sn = pick(FAMILY);
    const employeeId = `E${String(10001 + i)}`;
    users.push({
      employeeId,
      givenName,
      sn,
      displayName: `${givenName} ${sn}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      title: pick(TITLES),
      mail: `${givenName}.${sn}.${10001 + i}@demo.example`.toLowerCase(),
      managerId: i === 0 ? '' : `E${String(10001 + Math.floor(rnd() * i))}`,
      employeeType: rnd() < 0.9 ? 'Employee' : 'Contractor',
    });
  }
  return users;
}

/** One group per department, plus an all-staff group. */
export function demoGroups(users: readonly DemoUser[]): DemoGroup[] {
  const groups = DEPARTMENTS.map((d, i) => ({
    groupId: `G${100 + i}`,
    displayName: `Dept ${d}`,
    description: `Everyone in ${d}`,
    members: users.filter((u) => u.department === d).map((u) => u.employeeId),
  }));
  groups.push({ groupId: 'G999', displayName: 'All Staff', description: 'Every employee and contractor', members: users.map((u) => u.employeeId) });
  return groups;
}

/** The HR feed as CSV text. */
export function demoUsersCsv(users: readonly DemoUser[]): string {
  return stringify(users.map((u) => ({ ...u })), { header: true, columns: ['employeeId', 'givenName', 'sn', 'displayName', 'department', 'title', 'mail', 'managerId', 'employeeType'] });
}

/** The groups file as JSON text (members as employee ids). */
export function demoGroupsJson(groups: readonly DemoGroup[]): string {
  return `${JSON.stringify(groups, null, 1)}\n`;
}
