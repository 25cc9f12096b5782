// Prevent accidental deletes: a banner for every connector whose export the deletion threshold blocks,
// with the list of pending deletes, its CSV and an "approve this once" action.
import { useId, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../shared/api.ts';
import { useApiQuery } from '../api/hooks.ts';
import { getApi } from '../api/client.ts';
import { DataTable } from '../components/DataTable.tsx';
import { downloadText } from '../components/download.ts';
import type { TableColumn } from '../components/table-columns.ts';
import { formatCount } from '../components/values.ts';

type PendingDeletes = ResponseOf<'deletes.list'>;
type DeleteRow = PendingDeletes['rows'][number];

const COLUMNS: TableColumn<DeleteRow>[] = [
  { field: 'dn', headerName: 'DN', flex: 1, minWidth: 260 },
  { field: 'objectType', headerName: 'Object type', width: 120 },
  { field: 'displayName', headerName: 'Display name', width: 180 },
  { field: 'userPrincipalName', headerName: 'UPN', width: 200 },
  { field: 'anchor', headerName: 'Anchor', width: 200 },
];

/** One banner per blocked export. */
export function DeletesBanner() {
  // Refreshed by the console's live updates when a run ends or another process changes an approval.
  const connectors = useApiQuery('connectors.list', {});
  const lists = useQueries({
    queries: (connectors.data ?? []).map((c) => ({
      queryKey: ['deletes.list', { connector: c.name }],
      queryFn: () => getApi().call('deletes.list', { connector: c.name }),
    })),
  });
  const blocked = lists.map((q) => q.data).filter((d): d is PendingDeletes => !!d?.blocked);
  if (!blocked.length) return null;
  return (
    <Box>
      {blocked.map((d) => (
        <BlockedExport key={d.connector} deletes={d} />
      ))}
    </Box>
  );
}

function BlockedExport({ deletes }: { deletes: PendingDeletes }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  const client = useQueryClient();
  const downloadCsv = async () => {
    const { csv } = await getApi().call('deletes.csv', { connector: deletes.connector });
    downloadText(`pending-deletes-${deletes.connector}.csv`, csv);
  };
  const approve = async () => {
    await getApi().call('deletes.approve', { connector: deletes.connector });
    setConfirming(false);
    setOpen(false);
    await client.invalidateQueries({ queryKey: ['deletes.list'] });
  };
  return (
    <>
      <Alert
        severity="error"
        sx={{ borderRadius: 0 }}
        action={
          <Button color="inherit" onClick={() => setOpen(true)}>
            Review deletes
          </Button>
        }
      >
        Export to {deletes.connector} is blocked: {formatCount(deletes.pendingDeletes)} pending deletes exceed the deletion threshold of {formatCount(deletes.threshold ?? 0)}.
      </Alert>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="lg" fullWidth aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Pending deletes: {deletes.connector}</DialogTitle>
        <DialogContent sx={{ height: '70vh', display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="body2">
            The next export would delete {formatCount(deletes.pendingDeletes)} objects (threshold {formatCount(deletes.threshold ?? 0)}). Approving lets one export send exactly these
            deletes; more deletes after that block it again.
          </Typography>
          <DataTable label="Pending deletes" rows={deletes.rows} columns={COLUMNS} getRowId={(r) => r.id} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => void downloadCsv()}>Download CSV</Button>
          {confirming ? (
            <Button color="error" variant="contained" onClick={() => void approve()}>
              Confirm: approve {formatCount(deletes.pendingDeletes)} deletes once
            </Button>
          ) : (
            <Button color="error" onClick={() => setConfirming(true)}>
              Approve this once
            </Button>
          )}
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
