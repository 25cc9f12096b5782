// A client-side grid (all rows in memory, virtualized) with CSV export and multi-row copy.
import { useMemo, useState } from 'react';
import { Box } from '@mui/material';
import { DataGrid, type GridRowId, type GridRowSelectionModel, type GridValidRowModel } from '@mui/x-data-grid';
import type { ReactNode } from 'react';
import { GridActions } from './GridActions.tsx';
import { toCsv, toTsv, exportFileName } from './csv.ts';
import { downloadText } from './download.ts';
import { copyText } from './clipboard.ts';
import { emptySelection, selectedRows } from './selection.ts';
import { exportColumns, gridColumns, type TableColumn } from './table-columns.ts';

export interface DataTableProps<R extends GridValidRowModel> {
  /** Accessible name of the grid and base of the export file name. */
  label: string;
  rows: readonly R[];
  columns: readonly TableColumn<R>[];
  getRowId: (row: R) => GridRowId;
  loading?: boolean;
  onOpen?: (row: R) => void;
  onSelect?: (row: R | null) => void;
  /** Extra buttons in the action row. */
  actions?: ReactNode;
  height?: number | string;
  hideFooter?: boolean;
}

/** Grid with sort, virtualization, Export CSV and Copy rows. */
export function DataTable<R extends GridValidRowModel>(props: DataTableProps<R>) {
  const { label, rows, columns, getRowId, onOpen, onSelect } = props;
  const [selection, setSelection] = useState<GridRowSelectionModel>(emptySelection);
  const cols = useMemo(() => gridColumns(columns), [columns]);
  const exportCols = useMemo(() => exportColumns(columns), [columns]);
  const picked = selectedRows(rows, selection, getRowId);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: props.height ?? '100%', minHeight: 0 }}>
      <GridActions
        label={label}
        count={`${rows.length} ${rows.length === 1 ? 'item' : 'items'}`}
        selectedCount={picked.length}
        onExport={() => downloadText(exportFileName(label.toLowerCase(), 'csv'), toCsv(exportCols, rows))}
        onCopy={async () => (await copyText(toTsv(exportCols, picked)), picked.length)}
      >
        {props.actions}
      </GridActions>
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          aria-label={label}
          rows={rows as R[]}
          columns={cols}
          getRowId={getRowId}
          loading={props.loading}
          density="compact"
          checkboxSelection
          disableRowSelectionOnClick={false}
          rowSelectionModel={selection}
          onRowSelectionModelChange={(m) => {
            setSelection(m);
            const one = selectedRows(rows, m, getRowId);
            onSelect?.(one.length === 1 ? one[0] : null);
          }}
          onRowDoubleClick={(p) => onOpen?.(p.row)}
          onCellKeyDown={(p, e) => {
            // Enter opens the row, as a double-click does; the grid keeps its own keys otherwise.
            if (e.key === 'Enter' && onOpen) {
              e.preventDefault();
              onOpen(p.row);
            }
          }}
          hideFooter={props.hideFooter}
          pageSizeOptions={[100]}
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
        />
      </Box>
    </Box>
  );
}
