// Imports a configuration document: validated whole (every problem listed with its path), applied in one
// transaction or not at all. Masked or missing secrets keep the stored ones, unless the connector now points
// somewhere else (secret-destination.ts).
import { ConfigDocument, type ConfigImportResult, type ConfigProblem } from '../../shared/model/config.ts';
import { connectorTypes } from '../connectors/registry.ts';
import { resolveRuleConnector, type RuleConnector } from '../rules/rule-set.ts';
import { validateRule } from '../rules/validate-rule.ts';
import { defaultRunProfiles } from '../sync/default-profiles.ts';
import type { SyncEngine } from '../sync/engine.ts';
import { carrySecrets } from './secret-destination.ts';

/** Validates and applies a document; returns the problems (nothing applied) or the counts. */
export function importConfig(engine: SyncEngine, input: unknown): ConfigImportResult {
  const counts = { objectTypes: 0, attributes: 0, connectors: 0, syncRules: 0 };
  const parsed = ConfigDocument.safeParse(input);
  if (!parsed.success) {
    return { ok: false, counts, problems: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  }
  const doc = parsed.data;
  const store = engine.store;
  const problems: ConfigProblem[] = [];

  const attrNames = new Set<string>();
  doc.metaverse.attributes.forEach((a, i) => {
    if (attrNames.has(a.name)) problems.push({ path: `metaverse.attributes[${i}].name`, message: `Duplicate attribute "${a.name}"` });
    attrNames.add(a.name);
  });
  doc.metaverse.objectTypes.forEach((t, i) =>
    t.attributes.forEach((a, j) => {
      if (!attrNames.has(a)) problems.push({ path: `metaverse.objectTypes[${i}].attributes[${j}]`, message: `Attribute "${a}" is not defined in metaverse.attributes` });
    }),
  );

  const names = new Set<string>();
  const ruleConnectors: RuleConnector[] = [];
  doc.connectors.forEach((c, i) => {
    const at = `connectors[${i}]`;
    if (names.has(c.name.toLowerCase())) problems.push({ path: `${at}.name`, message: `Duplicate connector name "${c.name}"` });
    names.add(c.name.toLowerCase());
    const type = connectorTypes.get(c.type);
    if (!type) {
      problems.push({ path: `${at}.type`, message: `Unknown connector type "${c.type}" (known: ${[...connectorTypes.keys()].join(', ')})` });
      return;
    }
    const existing = (c.id && store.connectors.find(c.id)) || store.connectors.find(c.name);
    const carried = carrySecrets(c.type, c.config, existing?.config ?? null);
    for (const r of carried.refused) problems.push({ path: `${at}.config.${r.field}`, message: `${c.name}: ${r.message}` });
    const check = type.configSchema.safeParse(carried.config);
    if (!check.success) {
      for (const issue of check.error.issues) {
        // A refused secret is reported once, with its reason.
        if (!carried.refused.some((r) => r.field === issue.path[0])) problems.push({ path: `${at}.config.${pathText(issue.path)}`, message: issue.message });
      }
    }
    ruleConnectors.push({ seq: existing?.seq ?? -(i + 1), id: c.id ?? existing?.id ?? c.name, name: c.name, createdAt: existing?.createdAt ?? '' });
  });
  for (const c of store.connectors.list()) {
    if (!names.has(c.name.toLowerCase())) ruleConnectors.push({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt });
  }

  const ids = new Set<string>();
  const precedences = new Map<number, string>();
  doc.syncRules.forEach((r, i) => {
    const at = `syncRules[${i}]`;
    if (ids.has(r.id)) problems.push({ path: `${at}.id`, message: `Duplicate rule id "${r.id}"` });
    ids.add(r.id);
    const clash = precedences.get(r.precedence);
    if (clash) problems.push({ path: `${at}.precedence`, message: `Precedence ${r.precedence} is also used by rule "${clash}"` });
    precedences.set(r.precedence, r.name);
    for (const p of validateRule(r, ruleConnectors, doc.metaverse)) problems.push({ path: `${at}.${p.path}`, message: p.message });
  });
  if (problems.length) return { ok: false, problems, counts };

  store.transaction(() => {
    store.schema.replace(doc.metaverse);
    for (const c of doc.connectors) {
      const type = connectorTypes.get(c.type)!;
      const existing = (c.id && store.connectors.find(c.id)) || store.connectors.find(c.name);
      store.connectors.save(
        {
          id: existing?.id ?? c.id, name: c.name, type: c.type, description: c.description,
          config: carrySecrets(c.type, c.config, existing?.config ?? null).config,
          runProfiles: c.runProfiles ?? existing?.runProfiles ?? defaultRunProfiles(),
          deleteThreshold: c.deleteThreshold === undefined ? (existing?.deleteThreshold ?? null) : c.deleteThreshold,
        },
        type.secretFields,
      );
    }
    for (const old of store.rules.list()) if (!ids.has(old.rule.id)) store.rules.delete(old.rule.id);
    const connectors = store.connectors.list().map((c) => ({ seq: c.seq, id: c.id, name: c.name, createdAt: c.createdAt }));
    for (const r of doc.syncRules) {
      // Rules name their connector by id or name; store the id of the connector they resolve to.
      const target = resolveRuleConnector(r, connectors)!;
      store.rules.put({ ...r, connector: { id: target.id, name: target.name } });
    }
  });
  counts.objectTypes = doc.metaverse.objectTypes.length;
  counts.attributes = doc.metaverse.attributes.length;
  counts.connectors = doc.connectors.length;
  counts.syncRules = doc.syncRules.length;
  return { ok: true, problems: [], counts };
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(document)';
}
