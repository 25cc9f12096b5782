// A server-paged grid: pages come from the engine by cursor; export reads every page.
import { useEffect, useMemo, useState } from 'react';
import { Box } from '@mui/material';
import { DataGrid, type GridPaginationModel, type GridRowId, type GridRowSelectionModel, type GridValidRowModel } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { GridActions } from './GridActions.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { toCsv, toTsv, exportFileName } from './csv.ts';
import { downloadText } from './download.ts';
import { copyText } from './clipboard.ts';
import { fetchAllPages, type Page } from './fetch-all.ts';
import { emptySelection, selectedRows } from './selection.ts';
import { canShowPage, recordNextCursor } from './page-cursors.ts';
import { exportColumns, gridColumns, type TableColumn } from './table-columns.ts';

export interface PagedTableProps<R extends GridValidRowModel> {
  label: string;
  /** Identifies the query; a change restarts from the first page. */
  queryKey: readonly unknown[];
  fetchPage: (cursor: string | null, limit: number) => Promise<Page<R>>;
  columns: readonly TableColumn<R>[];
  getRowId: (row: R) => GridRowId;
  onOpen?: (row: R) => void;
  onSelect?: (row: R | null) => void;
  actions?: ReactNode;
  /** What the error alert says was being done. */
  what?: string;
  enabled?: boolean;
  pageSize?: number;
  refetchInterval?: number | false;
  height?: number | string;
}

/** Grid over a cursor-paged API: next/previous pages on demand, whole-result CSV export. */
export function PagedTable<R extends GridValidRowModel>(props: PagedTableProps<R>) {
  const { label, queryKey, fetchPage, columns, getRowId } = props;
  const keyText = JSON.stringify(queryKey);
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: props.pageSize ?? 100 });
  // Cursor that starts each page we have reached; page 0 starts at null.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selection, setSelection] = useState<GridRowSelectionModel>(emptySelection);
  useEffect(() => {
    setPagination((p) => ({ ...p, page: 0 }));
    setCursors([null]);
    setSelection(emptySelection());
  }, [keyText]);
  const cursor = cursors[pagination.page] ?? null;
  const query = useQuery({
    queryKey: [...queryKey, 'page', cursor, pagination.pageSize],
    queryFn: () => fetchPage(cursor, pagination.pageSize),
    placeholderData: keepPreviousData,
    enabled: props.enabled ?? true,
    refetchInterval: props.refetchInterval,
  });
  const data = query.data;
  useEffect(() => {
    if (!data) return;
    setCursors((cs) => recordNextCursor(cs, pagination.page, data.nextCursor) as (string | null)[]);
  }, [data, pagination.page]);
  const rows = (data?.items ?? []) as R[];
  const cols = useMemo(() => gridColumns(columns), [columns]);
  const exportCols = useMemo(() => exportColumns(columns), [columns]);
  const picked = selectedRows(rows, selection, getRowId);
  const total = data?.total ?? 0;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: props.height ?? '100%', minHeight: 0 }}>
      <GridActions
        label={label}
        count={query.isPending ? 'Loading…' : `${total} ${total === 1 ? 'item' : 'items'}`}
        selectedCount={picked.length}
        onExport={async () => {
          // 500 is the largest page every paged method accepts (runs.list caps there).
          const all = await fetchAllPages<R>((c) => fetchPage(c, 500));
          downloadText(exportFileName(label.toLowerCase(), 'csv'), toCsv(exportCols, all));
        }}
        onCopy={async () => (await copyText(toTsv(exportCols, picked)), picked.length)}
      >
        {props.actions}
      </GridActions>
      {query.isError ? <ErrorAlert error={query.error} what={props.what ?? `Loading ${label}`} onRetry={() => void query.refetch()} /> : null}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataGrid
          aria-label={label}
          rows={rows}
          columns={cols}
          getRowId={getRowId}
          loading={query.isFetching}
          density="compact"
          checkboxSelection
          paginationMode="server"
          sortingMode="server"
          rowCount={total}
          paginationModel={pagination}
          onPaginationModelChange={(m) => {
            // Only sequential moves are possible with cursors; a new page size restarts at the first page.
            if (m.pageSize !== pagination.pageSize) {
              setCursors([null]);
              setPagination({ page: 0, pageSize: m.pageSize });
            } else if (canShowPage(cursors, m.page)) setPagination(m);
          }}
          pageSizeOptions={[25, 50, 100]}
          rowSelectionModel={selection}
          onRowSelectionModelChange={(m) => {
            setSelection(m);
            const one = selectedRows(rows, m, getRowId);
            props.onSelect?.(one.length === 1 ? one[0] : null);
          }}
          onRowDoubleClick={(p) => props.onOpen?.(p.row)}
          onCellKeyDown={(p, e) => {
            // Enter opens the row, as a double-click does; the grid keeps its own keys otherwise.
            if (e.key === 'Enter' && props.onOpen) {
              e.preventDefault();
              props.onOpen(p.row);
            }
          }}
          disableColumnSorting
        />
      </Box>
    </Box>
  );
}
