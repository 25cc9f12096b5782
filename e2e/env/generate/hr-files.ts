// CSV and JSON feeds for the file connector, with the connector configurations that read them.
import { stringify } from 'csv-stringify/sync';
import { escapeDnValue } from '../../../engine/connectors/file/dn.ts';
import type { FileConfigInput } from '../../../engine/connectors/file/config.ts';
import { IdentitySet, type GenerateOptions, type GeneratedGroup, type GeneratedUser, type MemberRef } from './identities.ts';
import { writeText } from './text-file.ts';

/** Container of every object in the HR feeds. */
const HR_OU = 'OU=HR';

/** Columns of the users CSV, in order. */
export const HR_CSV_COLUMNS = [
  'employeeId', 'givenName', 'sn', 'displayName', 'cn', 'uid', 'sAMAccountName', 'mail', 'userPrincipalName', 'department', 'title',
  'manager', 'employeeType', 'telephoneNumber', 'company', 'l', 'objectGUID', 'proxyAddresses', 'accountEnabled',
] as const;

const TYPED_ATTRIBUTES = {
  manager: { type: 'reference' },
  objectGUID: { type: 'binary' },
  proxyAddresses: { multiValued: true },
  accountEnabled: { type: 'boolean' },
} as const;

/** File connector configuration for the users CSV written by `writeCsv`. */
export function hrCsvConfig(path: string, extra: Partial<FileConfigInput> = {}): FileConfigInput {
  return { format: 'csv', path, anchor: 'employeeId', objectType: 'person', dnTemplate: `CN={cn},${HR_OU}`, attributes: { ...TYPED_ATTRIBUTES }, ...extra };
}

/** File connector configuration for the users-and-groups JSON written by `writeJson`. */
export function hrJsonConfig(path: string, extra: Partial<FileConfigInput> = {}): FileConfigInput {
  return {
    format: 'json',
    path,
    anchor: 'id',
    objectTypeAttribute: 'objectType',
    dnTemplate: `CN={cn},${HR_OU}`,
    attributes: { ...TYPED_ATTRIBUTES, member: { type: 'reference', multiValued: true } },
    ...extra,
  };
}

function userDn(u: Pick<GeneratedUser, 'cn'>): string {
  return `CN=${escapeDnValue(u.cn)},${HR_OU}`;
}

function groupDn(name: string): string {
  return `CN=${escapeDnValue(name)},${HR_OU}`;
}

function userRow(set: IdentitySet, u: GeneratedUser): Record<(typeof HR_CSV_COLUMNS)[number], string> {
  return {
    employeeId: u.employeeId,
    givenName: u.givenName,
    sn: u.sn,
    displayName: u.displayName,
    cn: u.cn,
    uid: u.uid,
    sAMAccountName: u.sAMAccountName,
    mail: u.mail,
    userPrincipalName: u.userPrincipalName,
    department: u.department,
    title: u.title,
    manager: u.managerIndex === null ? '' : userDn(set.userAt(u.managerIndex)),
    employeeType: u.employeeType,
    telephoneNumber: u.telephoneNumber,
    company: u.company,
    l: u.city,
    objectGUID: Buffer.from(u.objectGUID).toString('base64'),
    proxyAddresses: u.proxyAddresses.join(';'),
    accountEnabled: String(u.accountEnabled),
  };
}

/** The users CSV (header row first), in pieces of up to 1,000 rows. */
export function* csvText(set: IdentitySet): Generator<string> {
  yield stringify([HR_CSV_COLUMNS as unknown as string[]]);
  let rows: string[][] = [];
  for (let i = 0; i < set.users; i++) {
    const row = userRow(set, set.userAt(i));
    rows.push(HR_CSV_COLUMNS.map((c) => row[c]));
    if (rows.length === 1000) {
      yield stringify(rows);
      rows = [];
    }
  }
  if (rows.length) yield stringify(rows);
}

/** Writes the users as CSV for `hrCsvConfig`; returns the number of rows. */
export async function writeCsv(path: string, options: GenerateOptions): Promise<{ users: number }> {
  const set = new IdentitySet(options);
  await writeText(path, csvText(set));
  return { users: set.users };
}

/** The JSON array of users then groups, one object per line. */
export function* jsonText(set: IdentitySet): Generator<string> {
  yield '[';
  let first = true;
  const sep = (): string => {
    const s = first ? '\n' : ',\n';
    first = false;
    return s;
  };
  for (let i = 0; i < set.users; i++) {
    const u = set.userAt(i);
    const row = userRow(set, u);
    const obj: Record<string, unknown> = { id: u.employeeId, objectType: 'person', ...row, proxyAddresses: u.proxyAddresses, accountEnabled: u.accountEnabled };
    if (!row.manager) delete obj.manager;
    yield sep() + JSON.stringify(obj);
  }
  for (const g of set.eachGroup()) yield* groupJson(set, g, sep());
  yield '\n]\n';
}

/** A group object in pieces: its member list can hold half of all users. */
function* groupJson(set: IdentitySet, g: GeneratedGroup, prefix: string): Generator<string> {
  const head = { id: `G${String(g.index + 1).padStart(7, '0')}`, objectType: 'group', cn: g.name, displayName: g.name, description: g.description, mailNickname: g.mailNickname };
  yield prefix + JSON.stringify(head).slice(0, -1) + ',"member":[';
  let n = 0;
  for (const m of g.members()) yield (n++ ? ',' : '') + JSON.stringify(memberDn(set, m));
  yield ']}';
}

function memberDn(set: IdentitySet, m: MemberRef): string {
  return m.kind === 'user' ? userDn(set.userAt(m.index)) : groupDn(m.name);
}

/** Writes users and groups as a JSON array for `hrJsonConfig`. */
export async function writeJson(path: string, options: GenerateOptions): Promise<{ users: number; groups: number }> {
  const set = new IdentitySet(options);
  await writeText(path, jsonText(set));
  return { users: set.users, groups: set.groupCount() };
}
