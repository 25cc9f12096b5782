// All enabled rules of the engine, compiled and indexed for the sync loop.
import type { MvAttributeType, MvSchema } from '../../shared/model/metaverse.ts';
import type { SyncRule } from '../../shared/model/sync-rules.ts';
import { compileRule, type CompiledRule } from './compiled-rule.ts';

export interface RuleConnector {
  readonly seq: number;
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** Finds the connector a rule applies to: by id, else by name (rule sets exported from another server). */
export function resolveRuleConnector(rule: SyncRule, connectors: readonly RuleConnector[]): RuleConnector | undefined {
  const norm = (s: string) => s.replace(/[{}]/g, '').toLowerCase();
  return connectors.find((c) => norm(c.id) === norm(rule.connector.id)) ?? connectors.find((c) => c.name.toLowerCase() === rule.connector.name.toLowerCase());
}

/** Orders rules by precedence, then connector creation, then rule id (spec §3.5 tie-breakers). */
export function comparePrecedence(a: CompiledRule, b: CompiledRule): number {
  return a.rule.precedence - b.rule.precedence || a.connectorCreatedAt.localeCompare(b.connectorCreatedAt) || a.rule.id.localeCompare(b.rule.id);
}

/** The compiled, enabled rules, indexed by connector, direction and object type. */
export class RuleSet {
  private readonly inboundBy = new Map<string, CompiledRule[]>();
  private readonly outboundBy = new Map<string, Map<number, CompiledRule[]>>();
  private readonly bySeqMap = new Map<number, CompiledRule>();
  readonly all: readonly CompiledRule[];
  readonly attrTypes: Map<string, MvAttributeType>;
  readonly multiValued: Set<string>;

  constructor(rules: readonly { seq: number; rule: SyncRule }[], connectors: readonly RuleConnector[], schema: MvSchema) {
    this.attrTypes = new Map(schema.attributes.map((a) => [a.name, a.type]));
    this.multiValued = new Set(schema.attributes.filter((a) => a.multiValued).map((a) => a.name));
    const compiled: CompiledRule[] = [];
    for (const { seq, rule } of rules) {
      if (rule.disabled) continue;
      const connector = resolveRuleConnector(rule, connectors);
      if (!connector) continue;
      compiled.push(compileRule(seq, rule, connector.seq, connector.createdAt, (n) => this.attrTypes.get(n)));
    }
    compiled.sort(comparePrecedence);
    this.all = compiled;
    for (const r of compiled) {
      this.bySeqMap.set(r.seq, r);
      if (r.rule.direction === 'Inbound') {
        const key = `${r.connectorSeq}\u0000${r.rule.sourceObjectType.toLowerCase()}`;
        const list = this.inboundBy.get(key) ?? [];
        list.push(r);
        this.inboundBy.set(key, list);
      } else {
        const type = r.rule.sourceObjectType.toLowerCase();
        const byConnector = this.outboundBy.get(type) ?? new Map<number, CompiledRule[]>();
        const list = byConnector.get(r.connectorSeq) ?? [];
        list.push(r);
        byConnector.set(r.connectorSeq, list);
        this.outboundBy.set(type, byConnector);
      }
    }
  }

  /** Inbound rules of a connector for a CS object type, by precedence. */
  inbound(connectorSeq: number, csType: string): readonly CompiledRule[] {
    return this.inboundBy.get(`${connectorSeq}\u0000${csType.toLowerCase()}`) ?? [];
  }

  /** Outbound rules for an MV object type, grouped by target connector. */
  outbound(mvType: string): ReadonlyMap<number, readonly CompiledRule[]> {
    return this.outboundBy.get(mvType.toLowerCase()) ?? new Map();
  }

  /** A rule by its store number (disabled rules are absent). */
  bySeq(seq: number): CompiledRule | undefined {
    return this.bySeqMap.get(seq);
  }

  /** MV attributes that inbound joins look up (they must be in the MV value index). */
  joinMvAttributes(): Set<string> {
    const out = new Set<string>();
    for (const r of this.all) if (r.rule.direction === 'Inbound') for (const g of r.rule.joinRules) for (const c of g) out.add(c.mvAttribute);
    return out;
  }
}
