// Shown while the data directory holds no configuration: offers the demo workspace.
import { Alert, Button, CircularProgress } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';

/** A banner for an empty engine, with a one-click demo. */
export function WelcomeBanner() {
  const status = useApiQuery('system.status', {});
  const client = useQueryClient();
  const demo = useApiMutation('workspace.createDemo');
  if (!status.data?.empty && !demo.isPending && !demo.isError) return null;
  const open = () =>
    demo.mutate({ users: 1000 }, { onSuccess: () => void client.invalidateQueries() });
  return (
    <Alert
      severity={demo.isError ? 'error' : 'info'}
      sx={{ borderRadius: 0 }}
      action={
        <Button color="inherit" onClick={open} disabled={demo.isPending} startIcon={demo.isPending ? <CircularProgress size={14} /> : undefined}>
          {demo.isPending ? 'Creating the demo…' : 'Open the demo workspace'}
        </Button>
      }
    >
      {demo.isError
        ? `The demo could not be created: ${demo.error.message}`
        : 'Nothing is configured yet. Open the demo workspace (an HR feed with 1,000 users, groups, rules and a few runs) to see every tab at work.'}
    </Alert>
  );
}
