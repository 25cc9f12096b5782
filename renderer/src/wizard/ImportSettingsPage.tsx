// Import synchronization settings: the folder an Entra Connect server's configuration was exported to
// (Get-ADSyncServerConfiguration), read on the engine host, with the report of what the import will do.
import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, TextField, Typography } from '@mui/material';
import type { MigrationReport } from '../../../shared/model/migration.ts';
import { getApi } from '../api/client.ts';
import { describeError } from '../components/error-text.ts';
import { MigrationReportView } from '../migration/MigrationReportView.tsx';
import { fieldIssues, type PageProps } from './page-props.ts';

/** The folder, a Read button, and the report; Next reads it again into the session. */
export function ImportSettingsPage({ view, draft, setDraft, busy }: PageProps<'import-settings'>) {
  const [report, setReport] = useState<MigrationReport | null>(view.migration ?? null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // An import waiting for credentials (from the command line) starts the folder field.
  useEffect(() => {
    if (draft.folder) return;
    void getApi().call('migration.record', {}).then((r) => {
      if (r?.status === 'credentials-needed') setDraft({ ...draft, folder: r.report.source.folder });
    }).catch(() => undefined);
    // Only once, when the page opens.
  }, []);
  const read = async () => {
    setReading(true);
    setError(null);
    try {
      setReport((await getApi().call('migration.preview', { folder: draft.folder, addMissingAttributes: draft.addMissingAttributes })).report);
    } catch (err) {
      setReport(null);
      setError(describeError(err).message);
    } finally {
      setReading(false);
    }
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="h6" component="h2">Import synchronization settings</Typography>
      <Typography variant="body2">
        On the Entra Connect server, export its configuration with <code>Get-ADSyncServerConfiguration -Path C:\Export</code> (or
        Tools\MigrateSettings.ps1) and copy the folder to this server. IdSync imports its connectors, OU filtering, metaverse schema,
        global settings and every synchronization rule, in staging mode. The export holds no passwords: the next pages ask for the
        directory account and the Microsoft Entra app.
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', maxWidth: 900 }}>
        <TextField label="Exported configuration folder" size="small" fullWidth value={draft.folder} placeholder="/srv/exports/Exported-ServerConfiguration-…"
          error={fieldIssues(view, 'folder').length > 0} onChange={(e) => setDraft({ ...draft, folder: e.target.value })} />
        <Button variant="outlined" disabled={busy || reading || !draft.folder.trim()} onClick={() => void read()}>Read the export</Button>
      </Box>
      <FormControlLabel
        control={<Checkbox checked={draft.addMissingAttributes} onChange={(e) => setDraft({ ...draft, addMissingAttributes: e.target.checked })} />}
        label="Add missing metaverse attributes (otherwise rules that need them come in disabled)"
      />
      {error ? <Alert severity="error" role="alert">{error}</Alert> : null}
      {report ? <MigrationReportView report={report} /> : null}
    </Box>
  );
}
