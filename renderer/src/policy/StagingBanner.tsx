// Staging mode: a banner while exports are suspended, and the report of what the next export would send.
import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import { getApi } from '../api/client.ts';
import { DataTable } from '../components/DataTable.tsx';
import { downloadText } from '../components/download.ts';
import type { TableColumn } from '../components/table-columns.ts';
import { formatCount } from '../components/values.ts';
import { stagingRows, type StagingGridRow } from './staging-rows.ts';

const COLUMNS: TableColumn<StagingGridRow>[] = [
  { field: 'connector', headerName: 'Connector', width: 180 },
  { field: 'omodt', headerName: 'Operation', width: 100 },
  { field: 'objectType', headerName: 'Object type', width: 120 },
  { field: 'dn', headerName: 'DN', flex: 1, minWidth: 240 },
  { field: 'changes', headerName: 'Attribute changes', flex: 1, minWidth: 240 },
];

/** Shown while staging mode is on. */
export function StagingBanner() {
  const scheduler = useApiQuery('scheduler.get', {});
  const [open, setOpen] = useState(false);
  if (!scheduler.data?.StagingModeEnabled) return null;
  return (
    <>
      <Alert
        severity="warning"
        sx={{ borderRadius: 0 }}
        action={
          <Button color="inherit" onClick={() => setOpen(true)}>
            What would be exported
          </Button>
        }
      >
        Staging mode is on: this server imports and synchronizes, but exports nothing.
      </Alert>
      {open ? <StagingReportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** The csexport/csanalyzer job in one dialog: every pending export with its attribute changes. */
export function StagingReportDialog({ onClose }: { onClose: () => void }) {
  const report = useApiQuery('staging.report', {});
  const rows = report.data ? stagingRows(report.data.rows) : [];
  const exportCsv = async () => {
    const full = await getApi().call('staging.report', { csv: true });
    downloadText('staging-export-report.csv', (full.csv ?? []).join(''));
  };
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="staging-report-title">
      <DialogTitle id="staging-report-title">What the next export would send</DialogTitle>
      <DialogContent sx={{ height: '70vh', display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Typography variant="body2">
          {report.data?.summary.map((s) => `${s.connector}: ${formatCount(s.adds)} adds, ${formatCount(s.updates)} updates, ${formatCount(s.deletes)} deletes`).join(' · ') ?? 'Loading…'}
        </Typography>
        <DataTable label="Staging report" rows={rows} columns={COLUMNS} getRowId={(r) => r.key} />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void exportCsv()}>Download CSV (OMODT/AMODT)</Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
