// "Full synchronization required": the connectors a rule change left needing one, with Run Full Synchronization.
// The scheduler's next cycle runs it anyway; a full synchronization run by hand clears the mark as well.
import { Alert, Box, Button } from '@mui/material';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** The marks, refreshed every few seconds (a run elsewhere clears them). */
export function useFullSyncMarks() {
  return useApiQuery('rules.fullSyncRequired', {}, { refetchInterval: 5000 });
}

/** One alert per marked connector. */
export function FullSyncNotice() {
  const marks = useFullSyncMarks();
  const start = useApiMutation('runs.start', ['connectors.list', 'runs.list', 'rules.fullSyncRequired']);
  const required = (marks.data ?? []).filter((m) => m.fullSyncRequired);
  if (!required.length) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }} role="region" aria-label="Full synchronization required">
      {start.isError ? <ErrorAlert error={start.error} what="Starting the full synchronization" /> : null}
      {required.map((m) => (
        <Alert
          key={m.connectorId}
          severity="info"
          action={
            <Button color="inherit" size="small" disabled={start.isPending} onClick={() => start.mutate({ connector: m.connector, profile: 'Full Synchronization' })}>
              Run Full Synchronization on {m.connector}
            </Button>
          }
        >
          Full synchronization required on {m.connector}: {m.reasons[m.reasons.length - 1] ?? 'rules changed'}
          {m.reasons.length > 1 ? ` (and ${m.reasons.length - 1} more change${m.reasons.length > 2 ? 's' : ''})` : ''}. The next sync cycle runs it.
        </Alert>
      ))}
    </Box>
  );
}
