// A grid over an offset-paged, engine-sorted API: click a header to sort on the engine, choose up to 1,000
// rows per page, jump to any page; the engine exports the whole result.
import { useEffect, useMemo, useState } from 'react';
import { Box } from '@mui/material';
import { DataGrid, useGridApiRef, type GridRowId, type GridSortModel, type GridValidRowModel } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ExportSource } from '../../../shared/model/grid-export.ts';
import { GridActions } from './GridActions.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { toTsv } from './csv.ts';
import { copyText } from './clipboard.ts';
import { exportColumns, gridColumns, type TableColumn } from './table-columns.ts';
import { useGridSelection, type SelectionListener } from './grid-selection.ts';
import { countText } from './values.ts';
import { GRID_HIDDEN_CHECKBOXES } from './grid-look.ts';
import { TablePager } from './TablePager.tsx';

export interface Sort {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface OffsetTableProps<R extends GridValidRowModel> {
  label: string;
  queryKey: readonly unknown[];
  fetchPage: (offset: number, limit: number, sort: Sort) => Promise<{ items: R[]; total: number }>;
  /** The rows as the engine exports them, in the grid's order. */
  exportSource: (sort: Sort) => ExportSource;
  columns: readonly TableColumn<R>[];
  /** Fields the engine can sort by; other columns do not sort. */
  sortable: readonly string[];
  defaultSort: Sort;
  getRowId: (row: R) => GridRowId;
  onOpen?: (row: R) => void;
  onSelect?: SelectionListener<R>;
  actions?: ReactNode;
  what?: string;
  defaultPageSize?: number;
}

/** Engine-sorted, offset-paged grid. */
export function OffsetTable<R extends GridValidRowModel>(props: OffsetTableProps<R>) {
  const { label, queryKey, fetchPage, columns, getRowId } = props;
  const apiRef = useGridApiRef();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(props.defaultPageSize ?? 100);
  const [sort, setSort] = useState<Sort>(props.defaultSort);
  const keyText = JSON.stringify(queryKey);
  useEffect(() => setPage(0), [keyText]);
  const query = useQuery({
    queryKey: [...queryKey, 'offset', page * pageSize, pageSize, sort],
    queryFn: () => fetchPage(page * pageSize, pageSize, sort),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => query.data?.items ?? [], [query.data]);
  const total = query.data?.total ?? 0;
  const selection = useGridSelection(rows, getRowId, apiRef, props.onSelect);
  const cols = useMemo(() => gridColumns(columns).map((c) => ({ ...c, sortable: props.sortable.includes(c.field) })), [columns, props.sortable]);
  const exportCols = useMemo(() => exportColumns(columns), [columns]);
  const sortModel: GridSortModel = [{ field: sort.field, sort: sort.direction }];
  return (
    <Box component="section" aria-label={label} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <GridActions
        label={label}
        count={query.isPending ? 'Loading…' : countText(total)}
        selectedCount={selection.picked.length}
        engineExport={() => ({ source: props.exportSource(sort), columns: exportCols.map((c) => ({ field: c.field, header: c.header })), name: label.toLowerCase() })}
        onCopy={async () => (await copyText(toTsv(exportCols, selection.picked)), selection.picked.length)}
      >
        {props.actions}
      </GridActions>
      {query.isError ? <ErrorAlert error={query.error} what={props.what ?? `Loading ${label}`} onRetry={() => void query.refetch()} /> : null}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          apiRef={apiRef}
          aria-label={label}
          rows={rows}
          columns={cols}
          getRowId={getRowId}
          loading={query.isFetching}
          density="compact"
          {...GRID_HIDDEN_CHECKBOXES}
          // The engine pages (up to 1,000 rows, beyond the grid's own pager): the grid shows what it is given.
          paginationMode="server"
          rowCount={rows.length}
          paginationModel={{ page: 0, pageSize: 100 }}
          hideFooterPagination
          sortingMode="server"
          sortModel={sortModel}
          sortingOrder={['desc', 'asc']}
          onSortModelChange={(m) => {
            const s = m[0];
            setSort(s?.sort ? { field: s.field, direction: s.sort } : props.defaultSort);
            setPage(0);
          }}
          rowSelectionModel={selection.model}
          onRowSelectionModelChange={selection.onModelChange}
          onRowClick={selection.onRowClick}
          onRowDoubleClick={(p) => props.onOpen?.(p.row)}
          onCellKeyDown={(p, e) => {
            if (selection.onKey(p, e)) return;
            if (e.key === 'Enter' && props.onOpen) {
              e.preventDefault();
              props.onOpen(p.row);
            }
          }}
        />
      </Box>
      <TablePager
        label={label}
        page={page}
        pageSize={pageSize}
        total={total}
        onChange={(p, size) => {
          setPageSize(size);
          setPage(p);
        }}
      />
    </Box>
  );
}
