// Live checks of a directory for the wizard: connection, naming contexts, containers, UPN suffixes and the pilot group.
import type { ContainerTreeNode, DirectoryInput } from '../../shared/model/wizard.ts';
import { ldapConfigSchema, LdapConnector } from '../connectors/ldap/index.ts';
import { LdapSession } from '../connectors/ldap/session.ts';
import { discoverContainers, partitionsOf } from '../connectors/ldap/discovery.ts';
import { and, eq, or, present } from '../connectors/ldap/filter.ts';
import { directoryConfig } from './directory-config.ts';

export interface DirectoryTest {
  readonly ok: boolean;
  readonly message: string;
  readonly namingContexts: string[];
}

export interface ResolvedGroup {
  readonly dn: string;
  /** Direct members only: nesting is not followed, as in the product. */
  readonly members: string[];
}

/** Runs fn over a fresh session of the directory and always closes it. */
async function withSession<T>(d: DirectoryInput, fn: (s: LdapSession) => Promise<T>): Promise<T> {
  const session = new LdapSession(ldapConfigSchema.parse(directoryConfig(d)));
  try {
    return await fn(session);
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** Binds with the given account and reads the RootDSE; the message is readable and never holds the password. */
export async function testDirectory(d: DirectoryInput): Promise<DirectoryTest> {
  const connector = new LdapConnector(ldapConfigSchema.parse(directoryConfig(d)));
  try {
    const result = await connector.testConnection();
    if (!result.ok) return { ok: false, message: `${d.name}: ${result.message}`, namingContexts: [] };
    const partitions = await connector.discoverPartitions();
    return { ok: true, message: result.message, namingContexts: partitions.map((p) => p.id) };
  } catch (error) {
    return { ok: false, message: `${d.name}: ${(error as Error).message}`, namingContexts: [] };
  } finally {
    await connector.close().catch(() => undefined);
  }
}

/** The container tree of every naming context. */
export async function directoryContainers(d: DirectoryInput): Promise<{ partition: string; containers: ContainerTreeNode[] }[]> {
  return withSession(d, async (s) => {
    const out: { partition: string; containers: ContainerTreeNode[] }[] = [];
    for (const p of partitionsOf(await s.freshRootDse())) {
      out.push({ partition: p.id, containers: (await discoverContainers(s, p.id)) as ContainerTreeNode[] });
    }
    return out;
  });
}

/** Users per UPN suffix (userPrincipalName in AD; mail elsewhere, the nearest sign-in name OpenLDAP has). */
export async function upnSuffixCounts(d: DirectoryInput, baseDns: readonly string[]): Promise<Map<string, number>> {
  const attribute = d.kind === 'ad' ? 'userPrincipalName' : 'mail';
  const people = d.kind === 'ad' ? and(eq('objectCategory', 'person'), eq('objectClass', 'user')) : eq('objectClass', 'inetOrgPerson');
  const counts = new Map<string, number>();
  await withSession(d, (s) => s.run(`reading UPN suffixes of ${d.name}`, async (client) => {
    for (const base of baseDns) {
      for await (const page of client.searchPaginated(base, { scope: 'sub', filter: people, attributes: [attribute], paged: { pageSize: 500 } })) {
        for (const e of page.searchEntries) {
          const v = e[attribute];
          const text = Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
          const at = text.lastIndexOf('@');
          if (at > 0) {
            const suffix = text.slice(at + 1).toLowerCase();
            counts.set(suffix, (counts.get(suffix) ?? 0) + 1);
          }
        }
      }
    }
  }));
  return counts;
}

/** Finds a group by name (cn, sAMAccountName or DN) and lists its direct members; null when not found. */
export async function resolveGroup(d: DirectoryInput, baseDns: readonly string[], name: string): Promise<ResolvedGroup | null> {
  const cls = d.kind === 'ad' ? eq('objectClass', 'group') : eq('objectClass', 'groupOfNames');
  const byName = d.kind === 'ad' ? or(eq('cn', name), eq('sAMAccountName', name)) : eq('cn', name);
  return withSession(d, (s) => s.run(`resolving group ${name} in ${d.name}`, async (client) => {
    // A DN is read directly; a name is searched for in each naming context.
    const isDn = /=/.test(name);
    for (const base of isDn ? [name] : baseDns) {
      const { searchEntries } = await client.search(base, { scope: isDn ? 'base' : 'sub', filter: isDn ? and(cls, present('objectClass')) : and(cls, byName), attributes: ['member'] })
        .catch(() => ({ searchEntries: [] as { dn: string; member?: unknown }[] }));
      const hit = searchEntries[0];
      if (hit) {
        const m = hit.member;
        return { dn: hit.dn, members: (Array.isArray(m) ? m : m === undefined ? [] : [m]).map(String) };
      }
    }
    return null;
  }));
}

/** True when the directory keeps a memberOf attribute that an import filter can use. */
export async function hasMemberOf(d: DirectoryInput): Promise<boolean> {
  if (d.kind === 'ad') return true;
  return withSession(d, async (s) => (await s.schema()).attributes.has('memberof'));
}
