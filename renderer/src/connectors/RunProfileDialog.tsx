// Run: the connector's run profiles; pick one and start it.
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

const STEP_LABEL: Record<string, string> = {
  'full-import': 'Full Import',
  'delta-import': 'Delta Import',
  'full-sync': 'Full Synchronization',
  'delta-sync': 'Delta Synchronization',
  export: 'Export',
};

/** Lists the profiles and starts the chosen one; closes once the engine accepted it. */
export function RunProfileDialog({ connector, onClose, onStarted }: { connector: string; onClose: () => void; onStarted?: (runId: string) => void }) {
  const profiles = useApiQuery('runProfiles.list', { connector });
  const [chosen, setChosen] = useState<string | null>(null);
  const start = useApiMutation('runs.start', ['runs.list', 'connectors.list', 'system.status']);
  const run = (profile: string | null) => {
    if (!profile) return;
    start.mutate({ connector, profile }, { onSuccess: (r) => { onStarted?.(r.runId); onClose(); } });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="run-title" fullWidth maxWidth="sm">
      <DialogTitle id="run-title">Run Connector: {connector}</DialogTitle>
      <DialogContent>
        {profiles.isError ? <ErrorAlert error={profiles.error} what="Loading run profiles" onRetry={() => void profiles.refetch()} /> : null}
        {profiles.data?.length === 0 ? <Typography>This connector has no run profiles.</Typography> : null}
        <List dense aria-label="Run profiles">
          {(profiles.data ?? []).map((p) => (
            <ListItemButton key={p.name} selected={chosen === p.name} onClick={() => setChosen(p.name)} onDoubleClick={() => { setChosen(p.name); run(p.name); }}>
              <ListItemText primary={p.name} secondary={p.steps.map((s) => `${STEP_LABEL[s.type] ?? s.type}${s.partition ? ` (${s.partition})` : ''}`).join(', ')} />
            </ListItemButton>
          ))}
        </List>
        {start.isError ? <ErrorAlert error={start.error} what={`Starting ${chosen}`} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!chosen || start.isPending} onClick={() => run(chosen)}>
          OK
        </Button>
      </DialogActions>
    </Dialog>
  );
}
