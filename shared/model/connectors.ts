// Connectors and run profiles as the console shows and edits them.
import { z } from 'zod';

export const StepType = z.enum(['full-import', 'delta-import', 'full-sync', 'delta-sync', 'export']);
export type StepType = z.infer<typeof StepType>;

export const RunProfileStep = z.object({ type: StepType, partition: z.string().optional() });
export type RunProfileStep = z.infer<typeof RunProfileStep>;

export const RunProfile = z.object({ name: z.string().min(1), steps: z.array(RunProfileStep).min(1) });
export type RunProfile = z.infer<typeof RunProfile>;

/** Value shown instead of a secret; sending it back keeps the stored secret. */
export const SECRET_MASK = '********';

export const ConnectorSummary = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  description: z.string(),
  state: z.enum(['idle', 'running']),
  createdAt: z.string(),
  objectCount: z.number(),
  lastRun: z.object({ runId: z.string(), profile: z.string(), status: z.string(), endedAt: z.string().nullable() }).nullable(),
});
export type ConnectorSummary = z.infer<typeof ConnectorSummary>;

export const ConnectorDetail = ConnectorSummary.extend({
  /** Type-specific configuration; secret fields hold SECRET_MASK when set. */
  config: z.record(z.string(), z.unknown()),
  secretFields: z.array(z.string()),
  runProfiles: z.array(RunProfile),
  /** Delete threshold for exports (§6); null disables it. */
  deleteThreshold: z.number().int().nullable(),
});
export type ConnectorDetail = z.infer<typeof ConnectorDetail>;

export const ConnectorInput = z.object({
  name: z.string().min(1).max(200),
  type: z.string().min(1),
  description: z.string().default(''),
  config: z.record(z.string(), z.unknown()).default({}),
  runProfiles: z.array(RunProfile).optional(),
  deleteThreshold: z.number().int().min(0).nullable().optional(),
});
export type ConnectorInput = z.input<typeof ConnectorInput>;

export const ConnectorTypeInfo = z.object({
  type: z.string(),
  displayName: z.string(),
  secretFields: z.array(z.string()),
  capabilities: z.record(z.string(), z.boolean()),
});
export type ConnectorTypeInfo = z.infer<typeof ConnectorTypeInfo>;
