// The run history grid: newest first, server-paged, filtered by connector and status.
import { useMemo } from 'react';
import { LinearProgress } from '@mui/material';
import type { RunSummary } from '../../../shared/model/runs.ts';
import { getApi } from '../api/client.ts';
import { PagedTable } from '../components/PagedTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime } from '../components/values.ts';
import { StatusChip } from './StatusChip.tsx';
import { RunTotalsCell } from './RunTotalsCell.tsx';
import { statusLook } from './run-status.ts';
import { percentDone, type ProgressMap } from './progress.ts';

export interface RunGridProps {
  connector: string | null;
  statuses: readonly string[];
  progress: ProgressMap;
  onSelect: (run: RunSummary | null) => void;
}

/** Run history, one row per run profile execution. */
export function RunGrid({ connector, statuses, progress, onSelect }: RunGridProps) {
  const columns = useMemo<TableColumn<RunSummary>[]>(
    () => [
      { field: 'connector', headerName: 'Name', width: 160 },
      { field: 'profile', headerName: 'Profile Name', width: 170 },
      {
        field: 'status',
        headerName: 'Status',
        width: 230,
        renderCell: (p) => {
          const live = progress.get(p.row.id);
          if (live) {
            const pct = percentDone(live);
            return <LinearProgress sx={{ width: '100%', mt: 2 }} variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? undefined} aria-label={`Progress of run ${p.row.id}`} />;
          }
          return <StatusChip status={p.row.status} />;
        },
        text: (r) => statusLook(r.status).text,
      },
      { field: 'statusCode', headerName: 'Result code', width: 150, text: (r) => r.status },
      { field: 'startedAt', headerName: 'Start Time', width: 170, text: (r) => formatTime(r.startedAt) },
      { field: 'endedAt', headerName: 'End Time', width: 170, text: (r) => formatTime(r.endedAt) },
      { field: 'totals', headerName: 'Adds / Updates / Deletes / Errors', width: 220, renderCell: (p) => <RunTotalsCell runId={p.row.id} />, exported: false },
      { field: 'startedBy', headerName: 'Started by', width: 120 },
    ],
    [progress],
  );
  const request = { connector: connector ?? undefined, status: statuses.length ? (statuses as RunSummary['status'][]) : undefined };
  return (
    <PagedTable<RunSummary>
      label="Run history"
      what="Loading run history"
      queryKey={['runs.list', request]}
      fetchPage={(cursor, limit) => getApi().call('runs.list', { ...request, cursor, limit })}
      columns={columns}
      getRowId={(r) => r.id}
      onSelect={onSelect}
      onOpen={onSelect}
      refetchInterval={progress.size > 0 ? 3000 : false}
    />
  );
}

