// Seed data for the Entra ID emulator: users and groups with Microsoft Graph property names.
import { IdentitySet, guidText, type GenerateOptions, type GeneratedUser, type MemberRef } from './identities.ts';
import { writeText } from './text-file.ts';

export interface EntraSeedOptions extends GenerateOptions {
  /** Mark users as mastered on-premises (`onPremisesSyncEnabled: true`), as a synced tenant has them. */
  readonly onPremisesSyncEnabled?: boolean;
}

/** Graph properties of a generated user (without `id`, which the directory assigns). */
export function graphUser(u: GeneratedUser, options: Pick<EntraSeedOptions, 'onPremisesSyncEnabled'> = {}): Record<string, unknown> {
  return {
    displayName: u.displayName,
    givenName: u.givenName,
    surname: u.sn,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    mailNickname: u.mailNickname,
    onPremisesImmutableId: Buffer.from(u.objectGUID).toString('base64'),
    accountEnabled: u.accountEnabled,
    department: u.department,
    jobTitle: u.title,
    employeeId: u.employeeId,
    employeeType: u.employeeType,
    companyName: u.company,
    city: u.city,
    businessPhones: [u.telephoneNumber],
    proxyAddresses: [...u.proxyAddresses],
    ...(options.onPremisesSyncEnabled ? { onPremisesSyncEnabled: true } : {}),
  };
}

/** The seed JSON `{"users": [...], "groups": [...]}`; ids are the generated GUIDs, group members list ids. */
export function* entraSeedText(set: IdentitySet, options: Pick<EntraSeedOptions, 'onPremisesSyncEnabled'> = {}): Generator<string> {
  yield '{"users":[';
  for (let i = 0; i < set.users; i++) {
    const u = set.userAt(i);
    yield (i ? ',\n' : '\n') + JSON.stringify({ id: guidText(u.objectGUID), ...graphUser(u, options) });
  }
  yield '\n],"groups":[';
  const groupIds = new Map(set.groups().map((g) => [g.name, guidText(g.objectGUID)]));
  let first = true;
  for (const g of set.groups()) {
    const head = { id: groupIds.get(g.name), displayName: g.name, description: g.description, mailNickname: g.mailNickname, mailEnabled: false, securityEnabled: true };
    yield (first ? '\n' : ',\n') + JSON.stringify(head).slice(0, -1) + ',"members":[';
    first = false;
    let n = 0;
    for (const m of g.members()) yield (n++ ? ',' : '') + JSON.stringify(memberId(set, m, groupIds));
    yield ']}';
  }
  yield '\n]}\n';
}

function memberId(set: IdentitySet, m: MemberRef, groupIds: Map<string, string>): string {
  return m.kind === 'user' ? guidText(set.userAt(m.index).objectGUID) : groupIds.get(m.name)!;
}

/** Writes the Entra seed JSON. */
export async function writeEntraSeed(path: string, options: EntraSeedOptions): Promise<{ users: number; groups: number }> {
  const set = new IdentitySet(options);
  await writeText(path, entraSeedText(set, options));
  return { users: set.users, groups: set.groups().length };
}

/** The seeding part of the emulator's state (structural, so this module does not depend on the emulator). */
export interface EntraSeedTarget {
  addUser(props: Record<string, unknown>): string;
  addGroup(props: Record<string, unknown>, memberIds?: readonly string[]): string;
}

/** Loads generated users and groups straight into a running emulator; returns generated id → emulator id. */
export function seedEntraEmulator(target: EntraSeedTarget, options: EntraSeedOptions): Map<string, string> {
  const set = new IdentitySet(options);
  const ids = new Map<string, string>();
  const userIds: string[] = [];
  for (let i = 0; i < set.users; i++) {
    const u = set.userAt(i);
    const id = target.addUser(graphUser(u, options));
    ids.set(guidText(u.objectGUID), id);
    userIds.push(id);
  }
  const groupIds = new Map<string, string>();
  for (const g of set.groups()) {
    const members = [...g.members()].map((m) => (m.kind === 'user' ? userIds[m.index] : groupIds.get(m.name)!));
    const id = target.addGroup({ displayName: g.name, description: g.description, mailNickname: g.mailNickname }, members);
    groupIds.set(g.name, id);
    ids.set(guidText(g.objectGUID), id);
  }
  return ids;
}
