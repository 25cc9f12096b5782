// The report of the last import from Entra Connect, with downloads in Markdown and JSON.
import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import { downloadText } from '../components/download.ts';
import { MigrationReportView } from './MigrationReportView.tsx';

/** The migration report page as a large dialog. */
export function MigrationReportDialog({ onClose }: { onClose: () => void }) {
  const record = useApiQuery('migration.record', {});
  const r = record.data;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="migration-report-title" slotProps={{ paper: { sx: { height: 'calc(100vh - 96px)' } } }}>
      <DialogTitle id="migration-report-title">Migration report</DialogTitle>
      <DialogContent dividers>
        {record.isLoading ? <CircularProgress aria-label="Loading the migration report" /> : null}
        {record.error ? <Alert severity="error">{record.error.message}</Alert> : null}
        {record.data === null ? <Alert severity="info">No configuration has been imported from Entra Connect here.</Alert> : null}
        {r ? <MigrationReportView report={r.report} /> : null}
      </DialogContent>
      <DialogActions>
        <Button disabled={!r} onClick={() => r && downloadText('migration-report.md', r.markdown, 'text/markdown;charset=utf-8')}>Download Markdown</Button>
        <Button disabled={!r} onClick={() => r && downloadText('migration-report.json', `${JSON.stringify(r.report, null, 2)}\n`, 'application/json')}>Download JSON</Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
