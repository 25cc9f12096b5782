// The precedence view: for one attribute, the inbound rules that contribute to it, in the order they win; each
// opens in the Synchronization Rules editor (double-click or "Open in rules editor").
import { useMemo, useState } from 'react';
import { Button, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { navigate } from '../app/url-state.ts';
import { useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { precedenceRows, type PrecedenceRow } from './schema-view.ts';

const COLUMNS: TableColumn<PrecedenceRow>[] = [
  { field: 'rank', headerName: 'Order', width: 70, type: 'number' },
  { field: 'ruleName', headerName: 'Sync Rule', flex: 1, minWidth: 220 },
  { field: 'connector', headerName: 'Connector', width: 160 },
  { field: 'precedence', headerName: 'Precedence', width: 100, type: 'number' },
  { field: 'flowType', headerName: 'Flow Type', width: 100 },
  { field: 'source', headerName: 'Source', width: 200 },
  { field: 'mergeType', headerName: 'Merge', width: 90 },
  { field: 'state', headerName: 'State', width: 110, text: (r) => (r.disabled ? 'disabled' : r.winner ? 'wins' : '') },
];

/** Inbound contributors of `attribute` (for `objectType`), lower precedence number first. */
export function PrecedenceView({ attribute, objectType }: { attribute: string; objectType: string | null }) {
  const q = useApiQuery('schema.precedence', { attribute, objectType: objectType ?? undefined });
  const rows = useMemo(() => precedenceRows(q.data ?? []), [q.data]);
  const [selected, setSelected] = useState<PrecedenceRow | null>(null);
  const open = (r: PrecedenceRow) => navigate({ tab: 'rules', rule: r.ruleId });
  if (q.isError) return <ErrorAlert error={q.error} what={`Loading the precedence of ${attribute}`} onRetry={() => void q.refetch()} />;
  if (q.data && rows.length === 0) return <Typography role="status" sx={{ p: 1 }}>No inbound rule flows to {attribute}.</Typography>;
  return (
    <DataTable label={`Precedence of ${attribute}`} rows={rows} columns={COLUMNS} getRowId={(r) => r.ruleId} loading={q.isPending} onSelect={setSelected} onOpen={open}
      actions={<Button startIcon={<EditIcon />} disabled={!selected} onClick={() => selected && open(selected)}>Open in rules editor</Button>} />
  );
}
