// Log tab: the latest run records about this object.
import { Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime } from '../components/values.ts';

type Entry = CsObjectDetail['log'][number];

const COLUMNS: TableColumn<Entry>[] = [
  { field: 'at', headerName: 'Date/Time', width: 180, text: (r) => formatTime(r.at) },
  { field: 'counter', headerName: 'Status', width: 200 },
  { field: 'step', headerName: 'Step', width: 70 },
  { field: 'runId', headerName: 'Run', width: 140 },
  { field: 'message', headerName: 'Details', flex: 1, minWidth: 200 },
];

/** Run records of the object, newest first. */
export function LogTab({ detail }: { detail: CsObjectDetail }) {
  if (detail.log.length === 0) return <Typography role="status">No run has recorded anything about this object yet.</Typography>;
  const rows = [...detail.log].sort((a, b) => b.at.localeCompare(a.at));
  return <DataTable label="Object log" rows={rows} columns={COLUMNS} getRowId={(r) => `${r.runId}/${r.step}/${r.counter}/${r.at}`} height={320} />;
}
