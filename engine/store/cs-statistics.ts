// Totals of a connector space by state, pending operation and error kind, in one grouped query.
import type { SqlDatabase } from './sql/sql-database.ts';
import type { ConnectorStatistics } from '../../shared/model/statistics.ts';
import { stateOf } from './cs-columns.ts';

type Totals = Omit<ConnectorStatistics, 'connector' | 'connectorId' | 'type'>;

const OP_KEY = { add: 'add', update: 'update', delete: 'delete', 'delete-add': 'deleteAdd' } as const;

/** Counts a connector space's objects by state, transient flag, pending import and export, and errors. */
export function connectorSpaceTotals(db: SqlDatabase, connector: number): Totals {
  const t: Totals = {
    total: 0, connectors: 0, explicitConnectors: 0, disconnectors: { normal: 0, filtered: 0, explicit: 0 }, placeholders: 0, transient: 0,
    pendingImports: { add: 0, update: 0, delete: 0, deleteAdd: 0 }, pendingExports: { add: 0, update: 0, delete: 0, deleteAdd: 0 },
    errors: { import: 0, sync: 0, export: 0 },
  };
  const rows = db
    .prepare('SELECT state, transient, pi_op, pe_op, error_kinds, count(*) AS n FROM cs_objects WHERE connector = ? GROUP BY state, transient, pi_op, pe_op, error_kinds')
    .all(connector) as { state: number; transient: number; pi_op: string | null; pe_op: string | null; error_kinds: number; n: number }[];
  for (const row of rows) {
    const r = { ...row, state: stateOf(row.state) };
    t.total += r.n;
    if (r.state === 'connector.normal') t.connectors += r.n;
    else if (r.state === 'connector.explicit') {
      t.connectors += r.n;
      t.explicitConnectors += r.n;
    } else if (r.state === 'placeholder') t.placeholders += r.n;
    else if (r.state.startsWith('disconnector.')) t.disconnectors[r.state.slice('disconnector.'.length) as keyof Totals['disconnectors']] += r.n;
    if (r.transient) t.transient += r.n;
    if (r.pi_op && r.pi_op in OP_KEY) t.pendingImports[OP_KEY[r.pi_op as keyof typeof OP_KEY]] += r.n;
    if (r.pe_op && r.pe_op in OP_KEY) t.pendingExports[OP_KEY[r.pe_op as keyof typeof OP_KEY]] += r.n;
    if (r.error_kinds & 1) t.errors.import += r.n;
    if (r.error_kinds & 2) t.errors.sync += r.n;
    if (r.error_kinds & 4) t.errors.export += r.n;
  }
  return t;
}
