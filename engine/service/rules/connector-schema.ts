// What a connector holds, readably: partitions and containers in scope, object types and their attributes. Taken
// from the directory's own schema when it can be reached, the connector configuration, the objects already
// imported, and the rules that use the connector — so the rules editor's pickers work offline too.
import type { ConnectorSchemaView, SchemaAttributeInfo } from '../../../shared/model/rules-editor.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { ConnectorRecord } from '../../store/connector-store.ts';
import type { StoredValue } from '../../model/stored-values.ts';
import { openConnector } from '../../connectors/registry.ts';
import { resolveRuleConnector } from '../../rules/rule-set.ts';
import { referencedAttributes } from '../../expressions/index.ts';

/** How many imported objects are sampled for attribute names. */
const SAMPLE = 2000;
const DISCOVERY_TIMEOUT_MS = 15_000;

type From = SchemaAttributeInfo['from'];
const RANK: Record<From, number> = { schema: 0, config: 1, objects: 2, rules: 3 };

/** Object types → attributes, merged by name (case-insensitive), keeping the best-informed entry. */
class SchemaBuilder {
  private readonly types = new Map<string, { name: string; attrs: Map<string, SchemaAttributeInfo> }>();

  type(name: string) {
    const key = name.toLowerCase();
    let t = this.types.get(key);
    if (!t) {
      t = { name, attrs: new Map() };
      this.types.set(key, t);
    }
    return t;
  }

  add(objectType: string, attr: SchemaAttributeInfo): void {
    const t = this.type(objectType);
    const key = attr.name.toLowerCase();
    const prev = t.attrs.get(key);
    if (!prev || RANK[attr.from] < RANK[prev.from]) t.attrs.set(key, prev && attr.from !== 'schema' ? { ...attr, multiValued: attr.multiValued || prev.multiValued } : attr);
  }

  build(): ConnectorSchemaView['objectTypes'] {
    return [...this.types.values()]
      .map((t) => ({ name: t.name, attributes: [...t.attrs.values()].sort((a, b) => a.name.localeCompare(b.name)) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function valueType(v: StoredValue): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if ('int' in v) return 'integer';
  if ('bin' in v) return 'binary';
  if ('date' in v) return 'datetime';
  return 'reference';
}

/** The configuration's own statements about types and attributes. */
function fromConfig(c: ConnectorRecord, b: SchemaBuilder): { anchor: string | null; selected: string[] } {
  const cfg = c.config;
  if (c.type === 'file') {
    const fixed = typeof cfg.objectType === 'string' ? cfg.objectType : null;
    const attributes = (cfg.attributes ?? {}) as Record<string, { type?: string; multiValued?: boolean }>;
    if (fixed) {
      b.type(fixed);
      for (const [name, spec] of Object.entries(attributes)) b.add(fixed, { name, type: spec.type ?? 'string', multiValued: spec.multiValued ?? false, from: 'config' });
      if (typeof cfg.anchor === 'string') b.add(fixed, { name: cfg.anchor, type: 'string', multiValued: false, from: 'config' });
    }
    return { anchor: typeof cfg.anchor === 'string' ? cfg.anchor : null, selected: [] };
  }
  if (c.type === 'ldap') {
    const types = Array.isArray(cfg.objectTypes) ? (cfg.objectTypes as { name?: unknown }[]).map((t) => String(t.name)) : [];
    for (const t of types) b.type(t);
    return { anchor: typeof cfg.anchorAttribute === 'string' ? cfg.anchorAttribute : cfg.flavour === 'ad' ? 'objectGUID' : 'entryUUID', selected: strings(cfg.attributes) };
  }
  return { anchor: null, selected: strings(cfg.attributes) };
}

/** Attribute names (and value shapes) of the objects already in the connector space. */
function fromObjects(engine: SyncEngine, c: ConnectorRecord, b: SchemaBuilder): void {
  let seen = 0;
  for (let after = 0; seen < SAMPLE; ) {
    const page = engine.store.cs.page(c.seq, 'all', after, Math.min(500, SAMPLE - seen));
    if (!page.length) break;
    for (const o of page) {
      if (o.state === 'placeholder') continue;
      const image = o.pendingImport && o.pendingImport.op !== 'delete' ? o.pendingImport.image : o.hologram;
      for (const [name, values] of Object.entries(image)) {
        if (values.length) b.add(o.objectType, { name, type: valueType(values[0]!), multiValued: values.length > 1, from: 'objects' });
      }
    }
    seen += page.length;
    after = page[page.length - 1]!.id;
  }
}

/** Attributes the rules of this connector already read or write on its side. */
function fromRules(engine: SyncEngine, c: ConnectorRecord, b: SchemaBuilder): void {
  const me = [{ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }];
  for (const { rule } of engine.store.rules.list()) {
    if (!resolveRuleConnector(rule, me)) continue;
    const csType = rule.direction === 'Inbound' ? rule.sourceObjectType : rule.targetObjectType;
    const add = (name: string) => b.add(csType, { name, type: 'string', multiValued: false, from: 'rules' });
    for (const g of rule.joinRules) for (const j of g) add(j.csAttribute);
    if (rule.direction === 'Inbound') {
      for (const g of rule.scopingFilter) for (const s of g) add(s.attribute);
      for (const f of rule.attributeFlows) {
        if (f.flowType === 'Direct') f.sources.forEach(add);
        if (f.flowType === 'Expression') {
          try {
            referencedAttributes(f.expression ?? '').forEach(add);
          } catch {
            // An expression that does not parse names no attributes.
          }
        }
      }
    } else {
      for (const f of rule.attributeFlows) if (f.destination !== 'dn') add(f.destination);
    }
  }
}

/** The connector's view; with `discover` its directory is asked for its schema and partitions (bounded in time). */
export async function connectorSchema(engine: SyncEngine, name: string, discover: boolean): Promise<ConnectorSchemaView> {
  const c = engine.connector(name);
  const b = new SchemaBuilder();
  const { anchor, selected } = fromConfig(c, b);
  let partitions: { id: string; name: string }[] = strings(c.config.baseDns).map((dn) => ({ id: dn, name: dn }));
  let note: string | null = null;
  if (discover) {
    const signal = AbortSignal.timeout(DISCOVERY_TIMEOUT_MS);
    const ctx = { signal, log: () => {} };
    try {
      const client = openConnector(c.type, c.config);
      try {
        const [schema, found] = await Promise.all([client.discoverSchema(ctx), client.discoverPartitions(ctx)]);
        for (const t of schema.objectTypes) for (const a of t.attributes) b.add(t.name, { name: a.name, type: a.type, multiValued: a.multiValued, from: 'schema' });
        if (partitions.length === 0) partitions = found.map((p) => ({ id: p.id, name: p.name }));
      } finally {
        await client.close().catch(() => {});
      }
    } catch (err) {
      note = `${c.name} could not be asked for its schema (${(err as Error).message}); attributes come from its configuration, its objects and its rules`;
    }
  }
  fromObjects(engine, c, b);
  fromRules(engine, c, b);
  return {
    connector: c.name, connectorId: c.id, type: c.type, partitions,
    includeContainers: strings(c.config.includeContainers), excludeContainers: strings(c.config.excludeContainers),
    objectTypes: b.build(), selectedAttributes: selected, anchor, note,
  };
}
