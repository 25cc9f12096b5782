// Exports of whole grids done by the engine: the rows of a search written to a CSV file, with progress and Cancel.
import { z } from 'zod';
import { CsSearchScope } from './connector-space.ts';
import { MvClause } from './metaverse.ts';
import { RunQuery as RunQueryShape } from './operations.ts';

/**
 * A column of the file: `field` names what the cell holds (a row field such as `dn` or `status`, or `attr:NAME`
 * for an attribute's values), `header` is the column title.
 */
export const ExportColumn = z.object({ field: z.string().min(1), header: z.string() });
export type ExportColumn = z.infer<typeof ExportColumn>;

/** Which grid's rows to export: the same request the grid pages with, without the paging. */
export const ExportSource = z.discriminatedUnion('grid', [
  z.object({ grid: z.literal('cs.search'), connector: z.string(), search: CsSearchScope.default({ scope: 'all' }), clauses: z.array(MvClause).max(20).default([]) }),
  z.object({ grid: z.literal('mv.search'), objectType: z.string().optional(), clauses: z.array(MvClause).default([]) }),
  z.object({ grid: z.literal('operations.runs'), query: RunQueryShape.omit({ offset: true, limit: true }).prefault({}) }),
]);
export type ExportSource = z.input<typeof ExportSource>;

export const ExportStartRequest = z.object({
  source: ExportSource,
  columns: z.array(ExportColumn).min(1, 'Choose at least one column'),
  /** Base of the file name (letters, digits, dot, dash, underscore are kept). */
  name: z.string().default('export'),
});

export const ExportState = z.enum(['running', 'done', 'cancelled', 'failed']);

/** Where an export stands; also the payload of the export.progress event. */
export const ExportStatus = z.object({
  exportId: z.string(),
  /** The file on the engine's machine (under the data directory's exports folder). */
  file: z.string(),
  state: ExportState,
  done: z.number(),
  total: z.number(),
  bytes: z.number(),
  error: z.string().nullable(),
});
export type ExportStatus = z.infer<typeof ExportStatus>;

export const ExportChunk = z.object({ text: z.string(), nextOffset: z.number().nullable(), size: z.number() });
