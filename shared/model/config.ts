// The configuration file: metaverse schema, connectors, run profiles and sync rules in one document.
import { z } from 'zod';
import { MvSchema } from './metaverse.ts';
import { RunProfile } from './connectors.ts';
import { SyncRule } from './sync-rules.ts';

export const ConfigConnector = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  type: z.string().min(1),
  description: z.string().default(''),
  /** Secret fields are masked on export; a masked or missing secret keeps the stored one on import. */
  config: z.record(z.string(), z.unknown()).default({}),
  runProfiles: z.array(RunProfile).optional(),
  deleteThreshold: z.number().int().min(0).nullable().optional(),
});
export type ConfigConnector = z.infer<typeof ConfigConnector>;

export const ConfigDocument = z.object({
  format: z.literal('idsync-config'),
  version: z.literal(1),
  metaverse: MvSchema.default({ objectTypes: [], attributes: [] }),
  connectors: z.array(ConfigConnector).default([]),
  syncRules: z.array(SyncRule).default([]),
});
export type ConfigDocument = z.infer<typeof ConfigDocument>;

/** One problem found in a configuration file: where (path in the document) and what. */
export const ConfigProblem = z.object({ path: z.string(), message: z.string() });
export type ConfigProblem = z.infer<typeof ConfigProblem>;

export const ConfigImportResult = z.object({
  ok: z.boolean(),
  problems: z.array(ConfigProblem),
  counts: z.object({ objectTypes: z.number(), attributes: z.number(), connectors: z.number(), syncRules: z.number() }),
});
export type ConfigImportResult = z.infer<typeof ConfigImportResult>;
