// Turns the templates into SyncRule objects bound to the configured connectors, numbered from 100 (§3.8).
import crypto from 'node:crypto';
import { SyncRule } from '../../../shared/model/sync-rules.ts';
import { ruleCatalog } from './catalog.ts';
import { adaptToGraph } from './graph-adaptation.ts';
import { DefaultsOptions, type ConnectorRef, type DefaultsOptionsInput } from './options.ts';
import type { RuleTemplate } from './rule-template.ts';

/** First precedence of the out-of-box block; 1–99 stay free for custom rules. */
export const FIRST_DEFAULT_PRECEDENCE = 100;

/**
 * A stable rule id from the connector and the rule's tag without its version, so regenerating the
 * configuration (or upgrading a rule) replaces the rule in place instead of adding a copy.
 */
export function defaultRuleId(connectorId: string, immutableTag: string): string {
  const hash = crypto.createHash('sha1').update(`idsync-default-rule\u0000${connectorId.toLowerCase()}\u0000${immutableTag.replace(/\.\d+$/, '')}`).digest('hex');
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${((parseInt(hash[16], 16) & 3) | 8).toString(16)}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** The scope of a template for one connector: group-based filtering narrows the forest's projecting rules. */
function scopeFor(t: RuleTemplate, connector: ConnectorRef): RuleTemplate['scopingFilter'] {
  if (!connector.groupFilterDn || t.side !== 'ad' || t.direction !== 'Inbound' || t.linkType !== 'Provision') return t.scopingFilter;
  const member = { attribute: 'dn', operator: 'ISMEMBEROF', value: connector.groupFilterDn } as const;
  return t.scopingFilter.length ? t.scopingFilter.map((g) => [...g, member]) : [[member]];
}

function bind(t: RuleTemplate, connector: ConnectorRef, precedence: number): SyncRule {
  const description = [t.description, t.disabledReason ? `Disabled: ${t.disabledReason}` : undefined].filter(Boolean).join(' ');
  return SyncRule.parse({
    id: defaultRuleId(connector.connectorId, t.immutableTag),
    name: t.name,
    ...(description ? { description } : {}),
    immutableTag: t.immutableTag,
    direction: t.direction,
    precedence,
    connector: { id: connector.connectorId, name: connector.connectorName },
    sourceObjectType: t.sourceObjectType,
    targetObjectType: t.targetObjectType,
    linkType: t.linkType,
    disabled: t.disabledReason !== undefined,
    enablePasswordSync: t.enablePasswordSync ?? false,
    scopingFilter: scopeFor(t, connector),
    joinRules: t.joinRules,
    attributeFlows: t.attributeFlows,
  });
}

/** The out-of-box rules for the given connectors and choices, by precedence. */
export function generateDefaultRules(input: DefaultsOptionsInput): SyncRule[] {
  const o = DefaultsOptions.parse(input);
  const templates = ruleCatalog(o);
  const rules: SyncRule[] = [];
  let precedence = FIRST_DEFAULT_PRECEDENCE;
  for (const t of templates) {
    const connectors = t.side === 'ad' ? o.forests : [o.entra];
    for (const c of connectors) rules.push(bind(t, c, precedence++));
  }
  return o.target === 'graph' ? rules.map((r) => (r.connector.id === o.entra.connectorId ? adaptToGraph(r) : r)) : rules;
}
