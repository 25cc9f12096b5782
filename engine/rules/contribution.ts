// Precedence and attribute contribution (spec §3.5): which flow wins each target attribute.
import type { ContributorRef } from '../model/objects.ts';
import type { StoredValue } from '../model/stored-values.ts';
import { valueKey } from '../model/stored-values.ts';
import type { CompiledFlow, CompiledRule } from './compiled-rule.ts';
import { FlowError, type FlowInput, type FlowValue } from './flow-value.ts';

/** One flow that may contribute to a target attribute, with the object it reads. */
export interface FlowCandidate {
  readonly rule: CompiledRule;
  readonly flow: CompiledFlow;
  /** Store id of the source CS object (inbound) or target CS object (outbound); for contributor records. */
  readonly csId: number;
  readonly input: FlowInput;
}

/** The decision for one attribute. */
export type AttributeOutcome =
  | { readonly kind: 'set'; readonly values: StoredValue[]; readonly contributors: ContributorRef[]; readonly winner: FlowCandidate | null }
  | { readonly kind: 'remove'; readonly winner: FlowCandidate | null }
  | { readonly kind: 'keep' };

/**
 * Turns the reference values a flow produced into the references of the other side (metaverse ids inbound,
 * target DNs outbound); references that cannot be resolved are left out.
 */
export type ReferenceResolver = (candidate: FlowCandidate, attr: string, values: StoredValue[]) => StoredValue[];

function hasReference(values: readonly StoredValue[]): boolean {
  return values.some((v) => typeof v === 'object' && 'ref' in v);
}

/**
 * Decides every target attribute from candidates already ordered by precedence. A flow whose values are all
 * unresolvable references contributes nothing, so a lower-precedence flow can apply.
 * Throws FlowError when a flow fails or merge types are mixed; the caller records it on the object.
 */
export function contribute(candidates: readonly FlowCandidate[], singleValued: (attr: string) => boolean, resolve?: ReferenceResolver): Map<string, AttributeOutcome> {
  const byAttr = new Map<string, FlowCandidate[]>();
  for (const c of candidates) {
    const list = byAttr.get(c.flow.flow.destination) ?? [];
    list.push(c);
    byAttr.set(c.flow.flow.destination, list);
  }
  const out = new Map<string, AttributeOutcome>();
  for (const [attr, flows] of byAttr) {
    const merging = flows.filter((f) => f.flow.flow.mergeType === 'Merge' || f.flow.flow.mergeType === 'MergeCaseInsensitive');
    if (merging.length > 0) {
      const types = new Set(flows.map((f) => f.flow.flow.mergeType));
      if (types.size > 1) {
        throw new FlowError('ambiguous-import-flow-from-multiple-connectors', `Attribute ${attr} has flows with different merge types (${[...types].join(', ')}); use one merge type`);
      }
      out.set(attr, merge(attr, flows, flows[0].flow.flow.mergeType === 'MergeCaseInsensitive', resolve));
      continue;
    }
    out.set(attr, update(attr, flows, singleValued(attr), resolve));
  }
  return out;
}

function evaluate(c: FlowCandidate, attr: string, resolve: ReferenceResolver | undefined): FlowValue {
  const v = c.flow.evaluate(c.input);
  if (!resolve || v.kind !== 'values' || !hasReference(v.values)) return v;
  return { kind: 'values', values: resolve(c, attr, v.values) };
}

/** Update/Replace: the first flow (by precedence) with a value or AuthoritativeNull decides. */
function update(attr: string, flows: readonly FlowCandidate[], single: boolean, resolve: ReferenceResolver | undefined): AttributeOutcome {
  let sawNull: FlowCandidate | null = null;
  for (const f of flows) {
    const v = evaluate(f, attr, resolve);
    if (v.kind === 'ignore') continue;
    if (v.kind === 'authoritative-null') return { kind: 'remove', winner: f };
    if (v.kind === 'null' || v.values.length === 0) {
      sawNull ??= f;
      continue;
    }
    if (single && v.values.length > 1) {
      throw new FlowError('flow-multi-values-to-single-value', `Rule "${f.rule.rule.name}" flows ${v.values.length} values into the single-valued attribute ${attr}`);
    }
    return { kind: 'set', values: v.values, contributors: [[f.rule.seq, f.csId]], winner: f };
  }
  return sawNull ? { kind: 'remove', winner: null } : { kind: 'keep' };
}

/** Merge/MergeCaseInsensitive: the union of every contribution, de-duplicated, first-seen casing kept. */
function merge(attr: string, flows: readonly FlowCandidate[], caseInsensitive: boolean, resolve: ReferenceResolver | undefined): AttributeOutcome {
  const values: StoredValue[] = [];
  const contributors: [number, number][] = [];
  const seen = new Set<string>();
  let decided = false;
  for (const f of flows) {
    const v = evaluate(f, attr, resolve);
    if (v.kind === 'ignore') continue;
    decided = true;
    if (v.kind !== 'values') continue;
    for (const value of v.values) {
      // The same metaverse object reached through two connectors is one member, whatever its DNs there.
      const key = typeof value === 'object' && 'ref' in value && typeof value.mv === 'number' ? `#${value.mv}` : valueKey(value, !caseInsensitive);
      if (seen.has(key)) continue;
      seen.add(key);
      values.push(value);
      contributors.push([f.rule.seq, f.csId]);
    }
  }
  if (!decided) return { kind: 'keep' };
  return values.length ? { kind: 'set', values, contributors, winner: flows[0] } : { kind: 'remove', winner: null };
}
