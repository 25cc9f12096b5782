// The run history grid: sorted and paged by the engine, filtered by connector, status, start date and cycle.
import { useMemo } from 'react';
import { LinearProgress } from '@mui/material';
import type { RunListRow } from '../../../shared/model/operations.ts';
import { getApi } from '../api/client.ts';
import { OffsetTable, type Sort } from '../components/OffsetTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import type { SelectionListener } from '../components/grid-selection.ts';
import { formatCount, formatDuration, formatTime } from '../components/values.ts';
import { StatusChip } from './StatusChip.tsx';
import { statusLook } from './run-status.ts';
import { percentDone, type ProgressMap } from './progress.ts';
import { runQueryOf, type RunFilters } from './run-filters.ts';
import type { RunSortField } from '../../../shared/model/operations.ts';

export interface RunGridProps {
  filters: RunFilters;
  progress: ProgressMap;
  onSelect: SelectionListener<RunListRow>;
}

const SORTABLE: readonly RunSortField[] = ['connector', 'profile', 'status', 'startedAt', 'endedAt', 'duration', 'startedBy'];
const NEWEST_FIRST: Sort = { field: 'startedAt', direction: 'desc' };

/** "adds / updates / deletes / errors" of a run. */
export function totalsText(t: RunListRow['totals']): string {
  return [t.adds, t.updates, t.deletes, t.errors].map(formatCount).join(' / ');
}

/** Run history, one row per run profile execution. */
export function RunGrid({ filters, progress, onSelect }: RunGridProps) {
  const columns = useMemo<TableColumn<RunListRow>[]>(
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
      { field: 'duration', headerName: 'Duration', width: 90, text: (r) => (r.durationMs === null ? '' : formatDuration(r.durationMs)) },
      { field: 'totals', headerName: 'Adds / Updates / Deletes / Errors', width: 230, text: (r) => totalsText(r.totals) },
      { field: 'startedBy', headerName: 'Started by', width: 110 },
    ],
    [progress],
  );
  const query = runQueryOf(filters);
  return (
    <OffsetTable<RunListRow>
      label="Run history"
      what="Loading run history"
      queryKey={['operations.runs', query]}
      fetchPage={(offset, limit, sort) => getApi().call('operations.runs', { ...query, sort: sort as { field: RunSortField; direction: 'asc' | 'desc' }, offset, limit })}
      exportSource={(sort) => ({ grid: 'operations.runs', query: { ...query, sort: sort as { field: RunSortField; direction: 'asc' | 'desc' } } })}
      columns={columns}
      sortable={SORTABLE}
      defaultSort={NEWEST_FIRST}
      getRowId={(r) => r.id}
      onSelect={onSelect}
      onOpen={(r) => onSelect(r, [r])}
    />
  );
}
