// A server-paged grid: pages come from the engine by cursor; the engine exports the whole result.
import { useEffect, useMemo, useState } from 'react';
import { Box } from '@mui/material';
import { DataGrid, useGridApiRef, type GridPaginationModel, type GridRowId, type GridValidRowModel } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { ExportSource } from '../../../shared/model/grid-export.ts';
import { GridActions } from './GridActions.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { exportFileName, toCsv, toTsv } from './csv.ts';
import { downloadText } from './download.ts';
import { copyText } from './clipboard.ts';
import { fetchAllPages, type Page } from './fetch-all.ts';
import { canShowPage, recordNextCursor } from './page-cursors.ts';
import { exportColumns, gridColumns, type TableColumn } from './table-columns.ts';
import { useGridSelection, type SelectionListener } from './grid-selection.ts';
import { searchCountText } from './values.ts';
import { GRID_HIDDEN_CHECKBOXES } from './grid-look.ts';

export interface PagedTableProps<R extends GridValidRowModel> {
  label: string;
  /** Identifies the query; a change restarts from the first page. */
  queryKey: readonly unknown[];
  fetchPage: (cursor: string | null, limit: number) => Promise<Page<R>>;
  /** The rows as the engine exports them (the grid's request without paging); without it the console pages through them. */
  exportSource?: ExportSource;
  columns: readonly TableColumn<R>[];
  getRowId: (row: R) => GridRowId;
  onOpen?: (row: R) => void;
  onSelect?: SelectionListener<R>;
  actions?: ReactNode;
  /** What the error alert says was being done. */
  what?: string;
  enabled?: boolean;
  pageSize?: number;
  height?: number | string;
}

/** Grid over a cursor-paged API: next/previous pages on demand, whole-result CSV export by the engine. */
export function PagedTable<R extends GridValidRowModel>(props: PagedTableProps<R>) {
  const { label, queryKey, fetchPage, columns, getRowId } = props;
  const keyText = JSON.stringify(queryKey);
  const apiRef = useGridApiRef();
  const [pagination, setPagination] = useState<GridPaginationModel>({ page: 0, pageSize: props.pageSize ?? 100 });
  // Cursor that starts each page we have reached; page 0 starts at null.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  useEffect(() => {
    setPagination((p) => ({ ...p, page: 0 }));
    setCursors([null]);
  }, [keyText]);
  const cursor = cursors[pagination.page] ?? null;
  const query = useQuery({
    queryKey: [...queryKey, 'page', cursor, pagination.pageSize],
    queryFn: () => fetchPage(cursor, pagination.pageSize),
    placeholderData: keepPreviousData,
    enabled: props.enabled ?? true,
  });
  const data = query.data;
  useEffect(() => {
    if (!data) return;
    setCursors((cs) => recordNextCursor(cs, pagination.page, data.nextCursor) as (string | null)[]);
  }, [data, pagination.page]);
  const rows = useMemo(() => (data?.items ?? []) as R[], [data]);
  const selection = useGridSelection(rows, getRowId, apiRef, props.onSelect);
  const cols = useMemo(() => gridColumns(columns), [columns]);
  const exportCols = useMemo(() => exportColumns(columns), [columns]);
  const total = data?.total ?? 0;
  // A count that stopped at a limit is not the number of rows: the grid then pages by the cursor alone.
  const exact = data?.totalExact ?? true;
  return (
    <Box component="section" aria-label={label} sx={{ display: 'flex', flexDirection: 'column', height: props.height ?? '100%', minHeight: 0 }}>
      <GridActions
        label={label}
        count={query.isPending ? 'Loading…' : searchCountText(total, exact)}
        selectedCount={selection.picked.length}
        engineExport={
          props.exportSource
            ? () => ({ source: props.exportSource!, columns: exportCols.map((c) => ({ field: c.field, header: c.header })), name: label.toLowerCase() })
            : undefined
        }
        onExport={async () => {
          // Small results without an engine export (drill-down lists): 500 is the largest page every paged method accepts.
          const all = await fetchAllPages<R>((c) => fetchPage(c, 500));
          downloadText(exportFileName(label.toLowerCase(), 'csv'), toCsv(exportCols, all));
        }}
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
          paginationMode="server"
          sortingMode="server"
          rowCount={exact ? total : -1}
          paginationMeta={{ hasNextPage: data?.nextCursor != null }}
          paginationModel={pagination}
          onPaginationModelChange={(m) => {
            // Only sequential moves are possible with cursors; a new page size restarts at the first page.
            if (m.pageSize !== pagination.pageSize) {
              setCursors([null]);
              setPagination({ page: 0, pageSize: m.pageSize });
            } else if (canShowPage(cursors, m.page)) setPagination(m);
          }}
          pageSizeOptions={[25, 50, 100]}
          rowSelectionModel={selection.model}
          onRowSelectionModelChange={selection.onModelChange}
          onRowClick={selection.onRowClick}
          onRowDoubleClick={(p) => props.onOpen?.(p.row)}
          onCellKeyDown={(p, e) => {
            if (selection.onKey(p, e)) return;
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
