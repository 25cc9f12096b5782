// Tools → Statistics: each connector space's objects, connectors, disconnectors by kind, pending imports and
// exports by kind, and errors (Get-ADSyncConnectorStatistics; `idsync stats`).
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import type { ConnectorStatistics } from '../../../shared/model/statistics.ts';
import { useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatCount } from '../components/values.ts';

const n = (field: string, headerName: string, value: (r: ConnectorStatistics) => number): TableColumn<ConnectorStatistics> => ({
  field, headerName, width: 118, type: 'number', valueGetter: (_v: unknown, r: ConnectorStatistics) => value(r), valueFormatter: (v: number) => formatCount(v),
  text: (r) => String(value(r)),
});

const COLUMNS: TableColumn<ConnectorStatistics>[] = [
  { field: 'connector', headerName: 'Connector', width: 180 },
  { field: 'type', headerName: 'Type', width: 80 },
  n('total', 'Objects', (r) => r.total),
  n('connectors', 'Connectors', (r) => r.connectors),
  n('explicitConnectors', 'Explicit connectors', (r) => r.explicitConnectors),
  n('disconnectors', 'Disconnectors', (r) => r.disconnectors.normal),
  n('filteredDisconnectors', 'Filtered disconnectors', (r) => r.disconnectors.filtered),
  n('explicitDisconnectors', 'Explicit disconnectors', (r) => r.disconnectors.explicit),
  n('placeholders', 'Placeholders', (r) => r.placeholders),
  n('transient', 'Transient', (r) => r.transient),
  n('importAdds', 'Import Adds', (r) => r.pendingImports.add),
  n('importUpdates', 'Import Updates', (r) => r.pendingImports.update),
  n('importDeletes', 'Import Deletes', (r) => r.pendingImports.delete + r.pendingImports.deleteAdd),
  n('exportAdds', 'Export Adds', (r) => r.pendingExports.add),
  n('exportUpdates', 'Export Updates', (r) => r.pendingExports.update),
  n('exportDeletes', 'Export Deletes', (r) => r.pendingExports.delete + r.pendingExports.deleteAdd),
  n('importErrors', 'Import errors', (r) => r.errors.import),
  n('syncErrors', 'Sync errors', (r) => r.errors.sync),
  n('exportErrors', 'Export errors', (r) => r.errors.export),
];

/** The statistics of every connector. */
export function StatisticsDialog({ onClose }: { onClose: () => void }) {
  const q = useApiQuery('stats.connectors', {});
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xl" aria-labelledby="statistics-title">
      <DialogTitle id="statistics-title">Statistics</DialogTitle>
      <DialogContent sx={{ height: '60vh', display: 'flex', flexDirection: 'column' }}>
        {q.isError ? <ErrorAlert error={q.error} what="Counting the connector spaces" onRetry={() => void q.refetch()} /> : null}
        <Box sx={{ flex: 1, minHeight: 0 }}>
          <DataTable label="Connector statistics" rows={q.data ?? []} columns={COLUMNS} getRowId={(r) => r.connectorId} loading={q.isPending} />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
