// Clear Runs: delete run history older than a date (or all of it), after an explicit confirmation.
import { useState } from 'react';
import { Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, TextField } from '@mui/material';
import { useApiMutation } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { clearBefore } from './clear-before.ts';

/** Two-stage dialog: choose what to clear, then confirm. */
export function ClearRunsDialog({ onClose }: { onClose: () => void }) {
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const [date, setDate] = useState(weekAgo);
  const [all, setAll] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const clear = useApiMutation('runs.clear', ['runs.list', 'runs.get', 'connectors.list']);
  const what = all ? 'every run' : `runs that ended before ${date}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby="clear-runs-title">
      <DialogTitle id="clear-runs-title">Clear Runs</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
        {clear.isSuccess ? (
          <DialogContentText role="status">Deleted {clear.data.deleted} runs.</DialogContentText>
        ) : confirming ? (
          <DialogContentText>Delete {what}? Their statistics and object records are removed and cannot be restored.</DialogContentText>
        ) : (
          <>
            <FormControlLabel control={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} />} label="Clear all runs" />
            <TextField type="date" label="Clear runs ended before" value={date} disabled={all} onChange={(e) => setDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
          </>
        )}
        {clear.isError ? <ErrorAlert error={clear.error} what="Clearing runs" /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{clear.isSuccess ? 'Close' : 'Cancel'}</Button>
        {clear.isSuccess ? null : confirming ? (
          <Button color="error" variant="contained" disabled={clear.isPending} onClick={() => clear.mutate({ before: clearBefore(date, all) })}>
            Delete runs
          </Button>
        ) : (
          <Button variant="contained" disabled={!all && !date} onClick={() => setConfirming(true)}>
            Clear…
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
