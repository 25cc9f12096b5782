// What the integration tests share: a connector for a test server, a context, draining imports.
import { expect } from 'vitest';
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

/** What a connector space holds after applying imports: objects by anchor. */
export type ObjectsByAnchor = Map<string, ImportedObject>;

/** Applies imported changes as the engine stages them; an update of an unknown object is the engine's need-full-object. */
export function applyChanges(into: ObjectsByAnchor, changes: readonly ImportChange[]): ObjectsByAnchor {
  for (const c of changes) {
    if (c.kind === 'object') into.set(c.object.anchor, c.object);
    else if (c.kind === 'delete') into.delete(c.anchor);
    else {
      const o = into.get(c.anchor);
      if (!o) throw new Error(`need-full-object: an update arrived for ${c.dn}, which is not in the connector space`);
      const attributes = { ...o.attributes };
      for (const a of c.changes) {
        const cur = attributes[a.attribute] ?? [];
        const key = (v: unknown) => valueKey(v);
        if (a.op === 'replace') attributes[a.attribute] = [...a.values];
        else if (a.op === 'add') attributes[a.attribute] = [...cur, ...a.values.filter((v) => !cur.some((x) => key(x) === key(v)))];
        else attributes[a.attribute] = a.values.length === 0 ? [] : cur.filter((x) => !a.values.some((v) => key(v) === key(x)));
        if (attributes[a.attribute].length === 0) delete attributes[a.attribute];
      }
      into.set(c.anchor, { ...o, dn: c.dn, objectType: c.objectType ?? o.objectType, attributes });
    }
  }
  return into;
}

function valueKey(v: unknown): string {
  if (v instanceof Uint8Array) return `#${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && v !== null && 'dn' in v) return `dn:${String((v as { dn: string }).dn).toLowerCase()}`;
  return JSON.stringify(v);
}

/** A comparable picture of a connector space: per anchor its DN (lower-cased), type and sorted values. */
export function picture(objects: ObjectsByAnchor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [anchor, o] of [...objects].sort(([a], [b]) => a.localeCompare(b))) {
    const attrs = Object.keys(o.attributes).sort().map((k) => `${k.toLowerCase()}=${o.attributes[k].map(valueKey).sort().join('|')}`);
    out[anchor] = `${o.dn.toLowerCase()} ${o.objectType} ${attrs.join(' ')}`;
  }
  return out;
}

/** The objects of a full import, by anchor. */
export function objectsByAnchor(changes: readonly ImportChange[]): ObjectsByAnchor {
  return applyChanges(new Map(), changes);
}

/**
 * Runs a full import, lets `change` act on the directory, then checks that the delta import applied to the
 * first import gives exactly what a new full import gives (the engine's "delta equals full").
 */
export async function deltaEqualsFull(server: TestServer, config: Partial<LdapConfigInput>, change: () => Promise<void>): Promise<ImportChange[]> {
  const c = connectorFor(server, config);
  try {
    const before = await drain(c.importFull({}, testContext()));
    await change();
    const delta = await drain(c.importDelta(before.watermark!, {}, testContext()));
    const after = await drain(c.importFull({}, testContext()));
    expect(delta.problems).toEqual([]);
    expect(picture(applyChanges(objectsByAnchor(before.changes), delta.changes))).toEqual(picture(objectsByAnchor(after.changes)));
    return delta.changes;
  } finally {
    await c.close();
  }
}
