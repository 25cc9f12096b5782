// What the integration tests share: a connector for a test server, a context, draining imports.
import type { ConnectorContext, ImportChange, ImportIterator, ImportProblem, ImportedObject } from '../contract.ts';
import { type LdapConfigInput, ldapConfigSchema } from './config.ts';
import { LdapConnector } from './connector.ts';

export interface TestServer {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
}

/** A context that records log lines. */
export function testContext(): ConnectorContext & { lines: string[] } {
  const lines: string[] = [];
  return { signal: new AbortController().signal, log: (level, message) => lines.push(`${level}: ${message}`), lines };
}

/** A connector for the server with the given overrides (plain ldap:// unless told otherwise). */
export function connectorFor(server: TestServer, overrides: Partial<LdapConfigInput> = {}): LdapConnector {
  return new LdapConnector(
    ldapConfigSchema.parse({ url: server.url, security: 'none', bindDn: server.bindDn, password: server.password, flavour: 'openldap', ...overrides }),
  );
}

export interface Drained {
  readonly changes: ImportChange[];
  readonly problems: ImportProblem[];
  readonly batches: number;
  readonly batchWatermarks: (string | undefined)[];
  readonly watermark: string | null;
}

/** Runs an import to the end. */
export async function drain(iterator: ImportIterator): Promise<Drained> {
  const changes: ImportChange[] = [];
  const problems: ImportProblem[] = [];
  const batchWatermarks: (string | undefined)[] = [];
  let batches = 0;
  for (;;) {
    const r = await iterator.next();
    if (r.done) return { changes, problems, batches, batchWatermarks, watermark: r.value };
    batches++;
    changes.push(...r.value.changes);
    problems.push(...(r.value.problems ?? []));
    batchWatermarks.push(r.value.watermark);
  }
}

/** The full objects of a drained import, by DN (lower-cased). */
export function objectsByDn(changes: readonly ImportChange[]): Map<string, ImportedObject> {
  const map = new Map<string, ImportedObject>();
  for (const c of changes) if (c.kind === 'object') map.set(c.object.dn.toLowerCase(), c.object);
  return map;
}
