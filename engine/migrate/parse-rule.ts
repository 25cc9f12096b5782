// `SynchronizationRules/SynchronizationRule_{guid}.xml` into a sync rule in IdSync's field names. The flow type
// is not stored: a non-empty <expression> makes an Expression flow, a <src><attr> a Direct one, else the text
// of <src> is a Constant.
import { SyncRule, type AttributeFlow, type JoinCondition, type ScopingCondition } from '../../shared/model/sync-rules.ts';
import { EMPTY_GUID, normalizeGuid, type ExportRule } from './export-model.ts';
import { attr, child, childText, flag, list, text, type XmlNode } from './export-xml.ts';

/** A rule file that cannot become a rule at all, with the reason (the import goes on without it). */
export class RuleFileError extends Error {
  constructor(readonly file: string, readonly ruleName: string, message: string) {
    super(message);
  }
}

function flow(m: unknown): AttributeFlow {
  const src = (m as XmlNode).src;
  const attrs = src && typeof src === 'object' && !Array.isArray(src) && 'attr' in (src as XmlNode) ? list((src as XmlNode).attr).map(text) : [];
  const expression = childText(m, 'expression');
  const base = {
    destination: childText(m, 'dest'),
    mergeType: (childText(m, 'valueMergeType') || 'Update') as AttributeFlow['mergeType'],
    executeOnce: flag(attr(m, 'execute-once')),
  };
  if (expression) return { ...base, flowType: 'Expression', sources: attrs, expression };
  if (attrs.length) return { ...base, flowType: 'Direct', sources: attrs };
  return { ...base, flowType: 'Constant', sources: [], expression: text(src) };
}

function scoping(criteria: unknown): ScopingCondition[][] {
  return list((criteria as XmlNode)?.conditions).map((group) =>
    list((group as XmlNode).scope).map((s) => ({
      attribute: childText(s, 'csAttribute'),
      operator: childText(s, 'csOperator') as ScopingCondition['operator'],
      value: childText(s, 'csValue'),
    })),
  ).filter((g) => g.length > 0);
}

function joins(criteria: unknown): JoinCondition[][] {
  return list((criteria as XmlNode)?.conditions).map((group) =>
    list((group as XmlNode).condition).map((c) => ({
      csAttribute: childText(c, 'csAttribute'),
      mvAttribute: childText(c, 'ilmAttribute'),
      caseSensitive: flag(childText(c, 'caseSensitive')),
    })),
  ).filter((g) => g.length > 0);
}

/** Reads one rule file's parsed XML; a rule that cannot be represented throws RuleFileError naming it. */
export function parseRule(doc: XmlNode, file: string): ExportRule {
  const r = doc.synchronizationRule;
  if (!r || typeof r !== 'object') throw new RuleFileError(file, '', `${file}: not a synchronization rule file (no <synchronizationRule> element)`);
  const name = childText(r, 'name');
  const description = childText(r, 'description');
  const tag = childText(r, 'immutable-tag');
  const precedenceText = childText(r, 'precedence');
  const input = {
    id: normalizeGuid(childText(r, 'id')),
    name,
    ...(description ? { description } : {}),
    ...(tag ? { immutableTag: tag } : {}),
    direction: childText(r, 'direction'),
    precedence: /^\d+$/.test(precedenceText) ? Number(precedenceText) : Number.NaN,
    connector: { id: normalizeGuid(childText(r, 'connector')), name: '' },
    sourceObjectType: childText(r, 'sourceObjectType'),
    targetObjectType: childText(r, 'targetObjectType'),
    linkType: childText(r, 'linkType'),
    disabled: flag(childText(r, 'disabled')),
    enablePasswordSync: flag(childText(r, 'EnablePasswordSync')),
    scopingFilter: scoping(child(r, 'synchronizationCriteria')),
    joinRules: joins(child(r, 'relationshipCriteria')),
    attributeFlows: list(child(r, 'attribute-mappings').mapping).map(flow),
  };
  const parsed = SyncRule.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(rule)'}: ${i.message}`).join('; ');
    throw new RuleFileError(file, name, `${file}: rule "${name || '(no name)'}" cannot be read: ${problems}`);
  }
  return {
    file,
    rule: parsed.data,
    precedenceBefore: normalizeGuid(childText(r, 'precedence-before') || EMPTY_GUID),
    precedenceAfter: normalizeGuid(childText(r, 'precedence-after') || EMPTY_GUID),
  };
}
