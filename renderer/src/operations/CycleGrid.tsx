// Scheduler cycles: the runs the scheduler started one after another, one row per cycle.
import { useMemo } from 'react';
import type { CycleRow } from '../../../shared/model/operations.ts';
import { getApi } from '../api/client.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatDuration, formatTime } from '../components/values.ts';
import { useQuery } from '@tanstack/react-query';
import { StatusChip } from './StatusChip.tsx';
import { statusLook } from './run-status.ts';
import { totalsText } from './RunGrid.tsx';

const COLUMNS: TableColumn<CycleRow>[] = [
  { field: 'startedAt', headerName: 'Cycle start', width: 180, text: (r) => formatTime(r.startedAt) },
  { field: 'endedAt', headerName: 'End Time', width: 180, text: (r) => formatTime(r.endedAt) },
  { field: 'duration', headerName: 'Duration', width: 90, text: (r) => (r.durationMs === null ? '' : formatDuration(r.durationMs)) },
  { field: 'status', headerName: 'Status', width: 230, renderCell: (p) => <StatusChip status={p.row.status} />, text: (r) => statusLook(r.status).text },
  { field: 'runs', headerName: 'Runs', width: 70, type: 'number' },
  { field: 'connectors', headerName: 'Connectors', flex: 1, minWidth: 200, text: (r) => r.connectors.join(', ') },
  { field: 'totals', headerName: 'Adds / Updates / Deletes / Errors', width: 230, text: (r) => totalsText(r.totals) },
];

/** The cycles in the date range; choosing one shows its runs. */
export function CycleGrid({ startedFrom, startedTo, onSelect }: { startedFrom?: string; startedTo?: string; onSelect: (cycle: CycleRow | null) => void }) {
  const request = { startedFrom, startedTo, limit: 1000 };
  const q = useQuery({ queryKey: ['operations.cycles', request], queryFn: () => getApi().call('operations.cycles', request) });
  const rows = useMemo(() => q.data?.items ?? [], [q.data]);
  if (q.isError) return <ErrorAlert error={q.error} what="Loading the scheduler cycles" onRetry={() => void q.refetch()} />;
  return <DataTable label="Scheduler cycles" rows={rows} columns={COLUMNS} getRowId={(r) => r.id} loading={q.isPending} onSelect={(c) => onSelect(c)} />;
}
