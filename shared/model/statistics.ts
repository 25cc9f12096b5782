// Tools → Statistics: the totals of each connector space (Get-ADSyncConnectorStatistics).
import { z } from 'zod';

const ByOperation = z.object({ add: z.number(), update: z.number(), delete: z.number(), deleteAdd: z.number() });

export const ConnectorStatistics = z.object({
  connector: z.string(),
  connectorId: z.string(),
  type: z.string(),
  /** Every object of the connector space (placeholders included). */
  total: z.number(),
  connectors: z.number(),
  explicitConnectors: z.number(),
  disconnectors: z.object({ normal: z.number(), filtered: z.number(), explicit: z.number() }),
  placeholders: z.number(),
  transient: z.number(),
  pendingImports: ByOperation,
  pendingExports: ByOperation,
  errors: z.object({ import: z.number(), sync: z.number(), export: z.number() }),
});
export type ConnectorStatistics = z.infer<typeof ConnectorStatistics>;
