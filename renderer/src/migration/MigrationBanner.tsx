// After an import from Entra Connect: a banner while steps are left (credentials, or the comparison in staging
// mode), opening the migration report.
import { useState } from 'react';
import { Alert, Button } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import { MigrationReportDialog } from './MigrationReportDialog.tsx';

/** Shown while an import waits for credentials or the imported configuration is still in staging mode. */
export function MigrationBanner() {
  const record = useApiQuery('migration.record', {}, { refetchInterval: 30_000 });
  const scheduler = useApiQuery('scheduler.get', {}, { refetchInterval: 30_000 });
  const [open, setOpen] = useState(false);
  const r = record.data;
  if (!r) return null;
  const waiting = r.status === 'credentials-needed';
  if (!waiting && !scheduler.data?.StagingModeEnabled) return null;
  const c = r.report.counts;
  const from = r.report.source.server ?? 'an Entra Connect server';
  return (
    <>
      <Alert
        severity={waiting ? 'warning' : 'info'}
        sx={{ borderRadius: 0 }}
        action={<Button color="inherit" onClick={() => setOpen(true)}>Migration report</Button>}
      >
        {waiting
          ? `Settings imported from ${from} are waiting for credentials: nothing runs until they are given (Configure, or idsync migrate credentials).`
          : `Imported from ${from}: ${c.enabledRules} rules enabled, ${c.disabledByIdSync} disabled on import. Compare what would be exported with the old server before leaving staging mode.`}
      </Alert>
      {open ? <MigrationReportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
