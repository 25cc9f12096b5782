// Console methods: global search and the object journey, connector statistics, the Operations queries,
// and grid exports written by the engine.
import { z } from 'zod';
import { method } from './define.ts';
import { GlobalSearchRequest, GlobalSearchResult, JourneyRequest, ObjectJourney } from '../model/journey.ts';
import { ConnectorStatistics } from '../model/statistics.ts';
import { CycleQuery, CycleRow, RunListPage, RunQuery } from '../model/operations.ts';
import { ExportChunk, ExportStartRequest, ExportStatus } from '../model/grid-export.ts';

const ByExport = z.object({ exportId: z.string() });

export const consoleMethods = {
  'search.global': method('Finds identities by UPN, mail, anchor, DN, employee ID or name across every connector space and the metaverse',
    GlobalSearchRequest, GlobalSearchResult),
  'journey.get': method('An identity end to end: the metaverse object, every joined connector space object with its pending changes and errors, and the runs that touched them',
    JourneyRequest, ObjectJourney),
  'stats.connectors': method('Totals of each connector space: connectors, disconnectors by kind, pending imports and exports by kind, errors',
    z.object({ connector: z.string().optional() }), z.array(ConnectorStatistics)),
  'operations.runs': method('Run history sorted, filtered by connector, status, start time or cycle, and paged by offset', RunQuery, RunListPage),
  'operations.cycles': method('Scheduler cycles: the runs the scheduler started one after another, newest first', CycleQuery,
    z.object({ items: z.array(CycleRow), total: z.number() })),
  'exports.start': method('Writes every row of a grid to a CSV file in the data directory; progress arrives as export.progress events',
    ExportStartRequest, ExportStatus),
  'exports.get': method('Where an export stands', ByExport, ExportStatus),
  'exports.cancel': method('Stops an export and removes its partial file', ByExport, ExportStatus),
  'exports.read': method('A piece of a finished export file, for the console to save it',
    ByExport.extend({ offset: z.number().int().min(0).default(0), length: z.number().int().min(1).max(4 * 1024 * 1024).default(1024 * 1024) }), ExportChunk),
} as const;
