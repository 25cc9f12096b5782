// One run record: the object as it was at run time, its error, and a way to its current state.
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import { AttributeTable } from '../components/AttributeTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { ApiCallError } from '../../../shared/api/call-error.ts';
import { messageWithoutSubject } from '../components/error-text.ts';

/** The run-time snapshot of a drill-down object. */
export function SnapshotDialog({ recordId, connector, onClose }: { recordId: string; connector: string; onClose: () => void }) {
  const nav = useObjectNavigation();
  const q = useApiQuery('runs.objectSnapshot', { recordId });
  const s = q.data;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="snapshot-title">
      <DialogTitle id="snapshot-title">Object at run time{s ? `: ${s.dn}` : ''}</DialogTitle>
      <DialogContent>
        {q.isError ? <ErrorAlert error={q.error} what="Loading the object snapshot" onRetry={() => void q.refetch()} /> : null}
        {s ? (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
            <Typography variant="body2">
              Object type: {s.objectType || '—'} · Counter: {s.counter} · Step {s.step}
              {s.targetConnector ? ` · Target: ${s.targetConnector}` : ''}
            </Typography>
            {s.error ? <ErrorAlert error={new ApiCallError(s.error.code, `${s.error.code}: ${messageWithoutSubject(s.error.message, s.dn)}`, s.error.detail)} /> : null}
            {s.attributes ? (
              <AttributeTable label="Attributes at run time" attributes={s.attributes} height="55vh" />
            ) : (
              <Typography color="text.secondary">No attribute snapshot was kept for this record.</Typography>
            )}
          </Box>
        ) : q.isPending ? (
          <Typography>Loading…</Typography>
        ) : null}
      </DialogContent>
      <DialogActions>
        {s?.mvId ? <Button onClick={() => nav.open({ kind: 'mv', id: s.mvId! })}>Metaverse object</Button> : null}
        {/* Records of objects that never reached the connector space (unreadable input) have no current state. */}
        <Button disabled={!s?.csId} onClick={() => s?.csId && nav.open({ kind: 'cs', connector, id: s.csId })}>
          Current state
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
