// Preview of one CS object's synchronization (spec §2.2, console §1.4) and attribute lineage.
import { z } from 'zod';
import { ApiValue } from './values.ts';
import { CsState } from './connector-space.ts';

export const FlowOutcome = z.object({
  attribute: z.string(),
  ruleId: z.string().nullable(),
  ruleName: z.string().nullable(),
  flowType: z.string().nullable(),
  oldValues: z.array(ApiValue),
  newValues: z.array(ApiValue),
  changed: z.boolean(),
});
export type FlowOutcome = z.infer<typeof FlowOutcome>;

export const PreviewResult = z.object({
  csId: z.string(),
  dn: z.string(),
  mode: z.enum(['full', 'delta']),
  committed: z.boolean(),
  sourceObject: z.record(z.string(), z.array(ApiValue)),
  /** Inbound rules and whether each is in scope. */
  scoping: z.array(z.object({ ruleId: z.string(), ruleName: z.string(), inScope: z.boolean() })),
  join: z.object({
    action: z.enum(['none', 'already-joined', 'joined', 'projected', 'disconnected', 'filtered', 'deleted', 'error']),
    mvId: z.string().nullable(),
    ruleName: z.string().nullable(),
    detail: z.string().nullable(),
  }),
  stateBefore: CsState,
  stateAfter: CsState,
  importFlows: z.array(FlowOutcome),
  outbound: z.array(z.object({
    connector: z.string(),
    action: z.enum(['none', 'provision', 'update', 'deprovision', 'disconnect']),
    dn: z.string().nullable(),
    exportFlows: z.array(FlowOutcome),
  })),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const LineageResult = z.object({
  mvId: z.string(),
  attribute: z.string(),
  values: z.array(ApiValue),
  contributors: z.array(z.object({
    connector: z.string(), connectorId: z.string(), csId: z.string(), dn: z.string().nullable(), ruleId: z.string(), ruleName: z.string(),
    precedence: z.number().nullable(), flowType: z.string().nullable(), source: z.string().nullable(), values: z.array(ApiValue),
  })),
});
export type LineageResult = z.infer<typeof LineageResult>;
