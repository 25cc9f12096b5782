// The test's own LDAP access (ldapts) to the two slapd servers: writes a churn step to the source, reads the
// synchronized entries of the target back, and takes the fingerprint that shows whether a cycle wrote to it.
import { Attribute, Change, Client } from 'ldapts';
import type { SourceOp } from './source-state.ts';
import type { ActualEntry } from './target-content.ts';

export interface LdapServer {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  readonly suffix: string;
}

/** Runs `fn` on a bound connection and unbinds. */
export async function withClient<T>(server: LdapServer, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ url: server.url, timeout: 30_000, connectTimeout: 10_000 });
  await c.bind(server.bindDn, server.password);
  try {
    return await fn(c);
  } finally {
    await c.unbind();
  }
}

/** Applies the operations in order; a refused operation stops with the operation named. */
export async function applyOps(server: LdapServer, ops: readonly SourceOp[]): Promise<void> {
  await withClient(server, async (c) => {
    for (const o of ops) {
      try {
        if (o.op === 'add') await c.add(o.dn, Object.fromEntries(Object.entries(o.attributes).map(([k, v]) => [k, [...v]])));
        else if (o.op === 'delete') await c.del(o.dn);
        else if (o.op === 'rename') await c.modifyDN(o.dn, o.newParent ? `${o.newRdn},${o.newParent}` : o.newRdn);
        else {
          const changes = Object.entries(o.replace).map(([type, values]) => new Change({ operation: 'replace', modification: new Attribute({ type, values: [...values] }) }));
          await c.modify(o.dn, changes);
        }
      } catch (err) {
        throw new Error(`the test could not write to the source (${JSON.stringify(o)}): ${(err as Error).message}`);
      }
    }
  });
}

/** Entries below `base` matching `filter`, with the named attributes, values as strings. */
export async function readEntries(server: LdapServer, base: string, filter: string, attributes: readonly string[]): Promise<ActualEntry[]> {
  return withClient(server, async (c) => {
    const { searchEntries } = await c.search(base, { scope: 'sub', filter, attributes: [...attributes], paged: { pageSize: 1000 } });
    return searchEntries.map((e) => {
      const attrs: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(e)) {
        if (k === 'dn') continue;
        const values = (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
        if (values.length > 0) attrs[k] = values;
      }
      return { dn: e.dn, attributes: attrs };
    });
  });
}

/** contextCSN of the suffix and the number of write records in cn=accesslog: any write changes one of them. */
export async function ldapFingerprint(server: LdapServer): Promise<string> {
  return withClient(server, async (c) => {
    const base = await c.search(server.suffix, { scope: 'base', filter: '(objectClass=*)', attributes: ['contextCSN'] });
    const csn = base.searchEntries[0]?.contextCSN ?? 'none';
    const log = await c.search('cn=accesslog', { scope: 'one', filter: '(objectClass=auditWriteObject)', attributes: ['1.1'], paged: { pageSize: 1000 } });
    return `contextCSN ${String(csn)}, ${log.searchEntries.length} write records in cn=accesslog`;
  });
}
