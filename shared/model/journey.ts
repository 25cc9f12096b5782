// Global search and the object journey: one identity across every connector space and the metaverse.
import { z } from 'zod';
import { ApiAttributes } from './values.ts';
import { AttributeDiff, ChangeOp, CsState, ObjectError } from './connector-space.ts';
import { RunStatus } from './runs.ts';

/** One object a global search found, and what matched. */
export const SearchHit = z.object({
  kind: z.enum(['mv', 'cs']),
  /** Connector name for a connector space object, null for a metaverse object. */
  connector: z.string().nullable(),
  id: z.string(),
  /** The metaverse object the hit is (or is joined to), if any. */
  mvId: z.string().nullable(),
  dn: z.string().nullable(),
  objectType: z.string(),
  displayName: z.string().nullable(),
  /** Which attribute matched (`dn` and `anchor` for those), its value, and whether the match was exact. */
  matched: z.object({ attribute: z.string(), value: z.string(), exact: z.boolean() }),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const GlobalSearchRequest = z.object({
  text: z.string().trim().min(2, 'Type at least two characters'),
  limit: z.number().int().min(1).max(200).default(50),
});

export const GlobalSearchResult = z.object({ items: z.array(SearchHit), truncated: z.boolean() });

export const JourneyRequest = z
  .object({ mvId: z.string().optional(), connector: z.string().optional(), csId: z.string().optional() })
  .refine((r) => r.mvId !== undefined || (r.connector !== undefined && r.csId !== undefined), 'Give mvId, or connector and csId');

/** A connector space object on the journey, with what is pending and what failed. */
export const JourneyObject = z.object({
  connector: z.string(),
  connectorId: z.string(),
  csId: z.string(),
  dn: z.string(),
  anchor: z.string().nullable(),
  objectType: z.string(),
  state: CsState,
  pendingImport: z.object({ op: ChangeOp, changes: z.array(AttributeDiff) }).nullable(),
  pendingExport: z.object({ op: ChangeOp, changes: z.array(AttributeDiff) }).nullable(),
  errors: z.array(ObjectError.extend({ kind: z.enum(['import', 'sync', 'export']) })),
  lastImportAt: z.string().nullable(),
  lastExportAt: z.string().nullable(),
});
export type JourneyObject = z.infer<typeof JourneyObject>;

/** A run that touched one of the objects: what it counted the object as. */
export const JourneyRun = z.object({
  runId: z.string(),
  connector: z.string(),
  profile: z.string(),
  status: RunStatus,
  startedAt: z.string(),
  step: z.number(),
  counter: z.string(),
  targetConnector: z.string().nullable(),
  csId: z.string(),
  dn: z.string(),
  at: z.string(),
  message: z.string().nullable(),
});
export type JourneyRun = z.infer<typeof JourneyRun>;

export const ObjectJourney = z.object({
  mv: z.object({ id: z.string(), objectType: z.string(), displayName: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), attributes: ApiAttributes }).nullable(),
  objects: z.array(JourneyObject),
  runs: z.array(JourneyRun),
});
export type ObjectJourney = z.infer<typeof ObjectJourney>;
