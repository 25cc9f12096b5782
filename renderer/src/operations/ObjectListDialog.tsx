// Object Details: the objects behind one statistics counter or error code of a step.
import { useMemo } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Link } from '@mui/material';
import type { RunDetail, RunObjectRecord } from '../../../shared/model/runs.ts';
import { getApi } from '../api/client.ts';
import { PagedTable } from '../components/PagedTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { messageWithoutSubject, rootCause } from '../components/error-text.ts';
import { chainCounters } from './drilldown.ts';
import type { StatLine } from './statistics.ts';

export interface ObjectListDialogProps {
  run: RunDetail;
  step: number;
  line: StatLine;
  isError: boolean;
  onClose: () => void;
}

/** Paged list of the objects a counter counts; each opens its run-time snapshot. */
export function ObjectListDialog({ run, step, line, isError, onClose }: ObjectListDialogProps) {
  const nav = useObjectNavigation();
  const open = useMemo(
    () => (r: RunObjectRecord) => nav.open({ kind: 'snapshot', recordId: r.id, connector: r.targetConnector ?? run.connector }),
    [nav, run.connector],
  );
  const columns = useMemo<TableColumn<RunObjectRecord>[]>(
    () => [
      {
        field: 'dn',
        headerName: 'Distinguished Name',
        flex: 1,
        minWidth: 280,
        renderCell: (p) => (
          <Link component="button" type="button" onClick={() => open(p.row)} sx={{ textAlign: 'left' }}>
            {p.row.dn}
          </Link>
        ),
        text: (r) => r.dn,
      },
      { field: 'objectType', headerName: 'Object Type', width: 120 },
      { field: 'counter', headerName: isError ? 'Error Type' : 'Modification', width: 200 },
      ...(isError
        ? [{ field: 'error', headerName: 'Error', flex: 1, minWidth: 280, text: (r: RunObjectRecord) => messageWithoutSubject(rootCause(r.error?.detail) ?? rootCause(r.error?.message) ?? r.error?.message ?? '', r.dn) }]
        : []),
    ],
    [isError, open],
  );
  const fetchPage = useMemo(
    () =>
      chainCounters<RunObjectRecord>(
        line.counters,
        (counter, cursor, limit) => getApi().call('runs.objects', { runId: run.id, step, counter, targetConnector: line.targetConnector, cursor, limit }),
        line.count,
      ),
    [line, run.id, step],
  );
  const title = `${line.label}${line.targetConnector ? ` (${line.targetConnector})` : ''} — step ${step} of ${run.connector}: ${run.profile}`;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="object-list-title">
      <DialogTitle id="object-list-title">Object Details: {title}</DialogTitle>
      <DialogContent sx={{ height: '75vh', display: 'flex', flexDirection: 'column' }}>
        <PagedTable<RunObjectRecord>
          label="Object details"
          what={`Listing the objects of ${line.label}`}
          queryKey={['runs.objects', run.id, step, line.counters, line.targetConnector]}
          fetchPage={fetchPage}
          columns={columns}
          getRowId={(r) => r.id}
          onOpen={open}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
