// Pending Export tab: what will be written to the connected system, and values awaiting confirmation.
import { useMemo } from 'react';
import { Box, Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { DataTable } from '../components/DataTable.tsx';
import { AttributeTable } from '../components/AttributeTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime, formatValues } from '../components/values.ts';
import { attributeOperation } from './change-rows.ts';

interface ExportRow {
  attribute: string;
  operation: string;
  oldValues: unknown[];
  newValues: unknown[];
}

const COLUMNS: TableColumn<ExportRow>[] = [
  { field: 'attribute', headerName: 'Attribute', width: 200 },
  { field: 'operation', headerName: 'Operation', width: 100 },
  { field: 'oldValues', headerName: 'Old Value', flex: 1, minWidth: 150, text: (r) => formatValues(r.oldValues) },
  { field: 'newValues', headerName: 'New Value', flex: 1, minWidth: 150, text: (r) => formatValues(r.newValues) },
];

/** Pending export header and grid. */
export function PendingExportTab({ detail }: { detail: CsObjectDetail }) {
  const pending = detail.pendingExportDetail;
  const rows = useMemo<ExportRow[]>(
    () => (pending?.changes ?? []).map((c) => ({ attribute: c.attribute, operation: attributeOperation(c.oldValues, c.newValues), oldValues: c.oldValues, newValues: c.newValues })),
    [pending],
  );
  const unconfirmed = Object.keys(detail.unconfirmedExport).length > 0;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2">
        {pending ? `Modification Type: ${pending.op}${pending.newDn ? ` → ${pending.newDn}` : ''}` : 'No export is pending for this object.'} · Last export:{' '}
        {formatTime(detail.lastExportAt) || 'never'}
      </Typography>
      {pending ? <DataTable label="Pending export attributes" rows={rows} columns={COLUMNS} getRowId={(r) => r.attribute} height={300} /> : null}
      {unconfirmed ? (
        <>
          <Typography variant="subtitle2" component="h3">Awaiting export confirmation</Typography>
          <AttributeTable label="Unconfirmed export values" attributes={detail.unconfirmedExport} height={220} />
        </>
      ) : null}
    </Box>
  );
}
