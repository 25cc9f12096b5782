// Import tab: header and the attribute grid with old (held) and new (staged) values side by side.
import { useMemo } from 'react';
import { Box, Chip, Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime, formatValues } from '../components/values.ts';
import { importRows, stateText, type ImportRow } from './change-rows.ts';

const COLUMNS: TableColumn<ImportRow>[] = [
  { field: 'attribute', headerName: 'Attribute Name', width: 200 },
  { field: 'type', headerName: 'Type', width: 90 },
  { field: 'oldValues', headerName: 'Old Value', flex: 1, minWidth: 160, text: (r) => formatValues(r.oldValues) },
  { field: 'newValues', headerName: 'New Value', flex: 1, minWidth: 160, text: (r) => formatValues(r.newValues) },
  { field: 'changed', headerName: 'Pending', width: 90, text: (r) => (r.changed ? 'yes' : '') },
];

/** The object's hologram and pending import. */
export function ImportTab({ detail }: { detail: CsObjectDetail }) {
  const rows = useMemo(() => importRows(detail), [detail]);
  const pending = detail.pendingImportDetail;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
        <Typography variant="body2" color="text.secondary">Distinguished Name</Typography>
        <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>{detail.dn}</Typography>
        <Typography variant="body2" color="text.secondary">Anchor</Typography>
        <Typography variant="body2">{detail.anchor ?? '—'}</Typography>
        <Typography variant="body2" color="text.secondary">Object type</Typography>
        <Typography variant="body2">{detail.objectType}</Typography>
        <Typography variant="body2" color="text.secondary">State</Typography>
        <Typography variant="body2">{stateText(detail.state, detail.transient)}</Typography>
        <Typography variant="body2" color="text.secondary">Modification type</Typography>
        <Typography variant="body2">
          {pending ? <Chip size="small" color="info" label={`Pending import: ${pending.op}`} /> : 'None (no pending import)'}
          {pending?.newDn ? ` → new DN ${pending.newDn}` : ''}
        </Typography>
        <Typography variant="body2" color="text.secondary">Last import</Typography>
        <Typography variant="body2">{formatTime(detail.lastImportAt) || 'never'}</Typography>
      </Box>
      {detail.importError || detail.syncError ? (
        <Typography variant="body2" color="warning.main">This object has an error; its staged changes wait unprocessed until it is resolved.</Typography>
      ) : null}
      <DataTable label="Import attributes" rows={rows} columns={COLUMNS} getRowId={(r) => r.attribute} height={340} />
    </Box>
  );
}
