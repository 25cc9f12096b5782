// A client-side grid (all rows in memory, virtualized) with CSV export and multi-row copy.
import { useMemo } from 'react';
import { Box } from '@mui/material';
import { DataGrid, useGridApiRef, type GridRowId, type GridValidRowModel } from '@mui/x-data-grid';
import type { ReactNode } from 'react';
import { GridActions } from './GridActions.tsx';
import { toCsv, toTsv, exportFileName } from './csv.ts';
import { downloadText } from './download.ts';
import { copyText } from './clipboard.ts';
import { exportColumns, gridColumns, type TableColumn } from './table-columns.ts';
import { useGridSelection, type SelectionListener } from './grid-selection.ts';
import { countText } from './values.ts';
import { GRID_HIDDEN_CHECKBOXES } from './grid-look.ts';

export interface DataTableProps<R extends GridValidRowModel> {
  /** Accessible name of the grid (and of the region holding it), base of the export file name. */
  label: string;
  rows: readonly R[];
  columns: readonly TableColumn<R>[];
  getRowId: (row: R) => GridRowId;
  loading?: boolean;
  onOpen?: (row: R) => void;
  /** The focused row (the one last clicked) and every selected row. */
  onSelect?: SelectionListener<R>;
  /** Extra buttons in the action row. */
  actions?: ReactNode;
  height?: number | string;
  hideFooter?: boolean;
}

/** Grid with sort, virtualization, Export CSV and Copy rows. */
export function DataTable<R extends GridValidRowModel>(props: DataTableProps<R>) {
  const { label, rows, columns, getRowId, onOpen, onSelect } = props;
  const apiRef = useGridApiRef();
  const selection = useGridSelection(rows, getRowId, apiRef, onSelect);
  const cols = useMemo(() => gridColumns(columns), [columns]);
  const exportCols = useMemo(() => exportColumns(columns), [columns]);
  return (
    <Box component="section" aria-label={label} sx={{ display: 'flex', flexDirection: 'column', height: props.height ?? '100%', minHeight: 0 }}>
      <GridActions
        label={label}
        count={countText(rows.length)}
        selectedCount={selection.picked.length}
        onExport={() => downloadText(exportFileName(label.toLowerCase(), 'csv'), toCsv(exportCols, rows))}
        onCopy={async () => (await copyText(toTsv(exportCols, selection.picked)), selection.picked.length)}
      >
        {props.actions}
      </GridActions>
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          apiRef={apiRef}
          aria-label={label}
          rows={rows as R[]}
          columns={cols}
          getRowId={getRowId}
          loading={props.loading}
          density="compact"
          {...GRID_HIDDEN_CHECKBOXES}
          rowSelectionModel={selection.model}
          onRowSelectionModelChange={selection.onModelChange}
          onRowClick={selection.onRowClick}
          onRowDoubleClick={(p) => onOpen?.(p.row)}
          onCellKeyDown={(p, e) => {
            if (selection.onKey(p, e)) return;
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
