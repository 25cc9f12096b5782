// Connector space objects (spec §1.3) and the search scopes of the Search Connector Space dialog.
import { z } from 'zod';
import { MvClause } from './metaverse.ts';
import { ApiAttributes, PageRequest } from './values.ts';

/** States of spec §1.5, plus `transient` for objects displaced by a DN collision. */
export const CsState = z.enum([
  'connector.normal', 'connector.explicit', 'disconnector.normal', 'disconnector.filtered', 'disconnector.explicit', 'placeholder',
]);
export type CsState = z.infer<typeof CsState>;

export const ChangeOp = z.enum(['add', 'update', 'delete', 'delete-add']);

export const CsSearchScope = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all') }),
  z.object({ scope: z.literal('subtree'), dn: z.string() }),
  z.object({ scope: z.literal('rdn'), rdn: z.string() }),
  z.object({ scope: z.literal('dn-or-anchor'), value: z.string() }),
  z.object({ scope: z.literal('pending-import'), ops: z.array(ChangeOp).default(['add', 'update', 'delete', 'delete-add']) }),
  z.object({ scope: z.literal('pending-export'), ops: z.array(ChangeOp).default(['add', 'update', 'delete']) }),
  z.object({ scope: z.literal('import-errors') }),
  z.object({ scope: z.literal('export-errors') }),
  z.object({ scope: z.literal('sync-errors') }),
  z.object({ scope: z.literal('disconnectors'), kinds: z.array(z.enum(['normal', 'filtered', 'explicit'])).default(['normal', 'filtered', 'explicit']) }),
  z.object({ scope: z.literal('connectors') }),
  z.object({ scope: z.literal('placeholders') }),
  z.object({ scope: z.literal('transient') }),
]);
export type CsSearchScope = z.infer<typeof CsSearchScope>;

export const CsSearchRequest = PageRequest.extend({
  connector: z.string(),
  search: CsSearchScope.default({ scope: 'all' }),
  /**
   * Attribute clauses ANDed with the scope, compared as Metaverse Search compares (case-insensitive text); the
   * attribute `dn` is the object's DN and `anchor` its anchor, and attribute names are case-insensitive.
   */
  clauses: z.array(MvClause).max(20).default([]),
  /** Attribute columns the results grid shows (Column Settings), e.g. onPremisesDistinguishedName. */
  columns: z.array(z.string().min(1)).max(200).default([]),
});

export const CsObjectRow = z.object({
  id: z.string(),
  connector: z.string(),
  dn: z.string(),
  anchor: z.string().nullable(),
  objectType: z.string(),
  state: CsState,
  transient: z.boolean(),
  mvId: z.string().nullable(),
  pendingImport: ChangeOp.nullable(),
  pendingExport: ChangeOp.nullable(),
  hasError: z.boolean(),
  /** Values of the requested attribute columns, as the engine knows them (newest import, else pending export). */
  attributes: ApiAttributes.optional(),
});
export type CsObjectRow = z.infer<typeof CsObjectRow>;

export const ObjectError = z.object({ code: z.string(), message: z.string(), detail: z.string().optional(), at: z.string(), runId: z.string().nullable() });
export type ObjectError = z.infer<typeof ObjectError>;

/** One attribute of a pending change: values before and after. */
export const AttributeDiff = z.object({ attribute: z.string(), oldValues: z.array(z.unknown()), newValues: z.array(z.unknown()) });

export const CsLineageRule = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  direction: z.enum(['Inbound', 'Outbound']),
  action: z.enum(['Join', 'StickyJoin', 'Provision']),
  passwordSync: z.boolean(),
  inScope: z.boolean(),
});

export const CsObjectDetail = CsObjectRow.extend({
  /** Attributes as last synchronized (the hologram). */
  hologram: ApiAttributes,
  pendingImportDetail: z
    .object({ op: ChangeOp, newDn: z.string().nullable(), newObjectType: z.string().nullable(), changes: z.array(AttributeDiff) })
    .nullable(),
  pendingExportDetail: z.object({ op: ChangeOp, newDn: z.string().nullable(), changes: z.array(AttributeDiff) }).nullable(),
  /** Values exported and not yet confirmed by an import. */
  unconfirmedExport: ApiAttributes,
  importError: ObjectError.nullable(),
  syncError: ObjectError.nullable(),
  exportError: ObjectError.nullable(),
  link: z.object({ mvId: z.string(), ruleId: z.string().nullable(), linkType: z.string(), ownedByProvision: z.boolean(), linkedAt: z.string() }).nullable(),
  /** The other CS objects joined to the same MV object. */
  connectors: z.array(z.object({ connector: z.string(), csId: z.string(), dn: z.string(), objectType: z.string() })),
  lineage: z.array(CsLineageRule),
  /** The most recent run records about this object. */
  log: z.array(z.object({ runId: z.string(), step: z.number(), counter: z.string(), at: z.string(), message: z.string().nullable() })),
  lastImportAt: z.string().nullable(),
  lastExportAt: z.string().nullable(),
});
export type CsObjectDetail = z.infer<typeof CsObjectDetail>;
