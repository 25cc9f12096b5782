// The object journey: one identity end to end — its metaverse object, every connector space object joined to
// it with what is pending and what failed, and the runs that touched them, newest first.
import { useId, useMemo } from 'react';
import { AppBar, Box, Button, Dialog, IconButton, Toolbar, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import type { JourneyObject, JourneyRun } from '../../../shared/model/journey.ts';
import { useApiQuery } from '../api/hooks.ts';
import { navigate } from '../app/url-state.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime } from '../components/values.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { ObjectDialogs } from '../cs/ObjectDialogs.tsx';
import { stateText } from '../cs/change-rows.ts';
import { counterLabel } from '../operations/statistics.ts';
import { statusLook } from '../operations/run-status.ts';
import { changeRows, errorRows, type ChangeRow, type ErrorRow } from './journey-rows.ts';
import type { JourneyRef } from './journey-ref.ts';

const OBJECT_COLUMNS: TableColumn<JourneyObject>[] = [
  { field: 'connector', headerName: 'Connector', width: 170 },
  { field: 'dn', headerName: 'Distinguished Name', flex: 1, minWidth: 260 },
  { field: 'objectType', headerName: 'Object Type', width: 120 },
  { field: 'state', headerName: 'State', width: 150, text: (r) => stateText(r.state) },
  { field: 'pendingImport', headerName: 'Pending Import', width: 120, text: (r) => r.pendingImport?.op ?? '' },
  { field: 'pendingExport', headerName: 'Pending Export', width: 120, text: (r) => r.pendingExport?.op ?? '' },
  { field: 'errors', headerName: 'Errors', width: 80, text: (r) => (r.errors.length ? String(r.errors.length) : '') },
  { field: 'lastImportAt', headerName: 'Last import', width: 170, text: (r) => formatTime(r.lastImportAt) },
  { field: 'lastExportAt', headerName: 'Last export', width: 170, text: (r) => formatTime(r.lastExportAt) },
];

const CHANGE_COLUMNS: TableColumn<ChangeRow>[] = [
  { field: 'connector', headerName: 'Connector', width: 170 },
  { field: 'direction', headerName: 'Change', width: 130 },
  { field: 'operation', headerName: 'Operation', width: 100 },
  { field: 'attribute', headerName: 'Attribute', width: 180 },
  { field: 'oldValue', headerName: 'Old Value', flex: 1, minWidth: 160 },
  { field: 'newValue', headerName: 'New Value', flex: 1, minWidth: 160 },
];

const ERROR_COLUMNS: TableColumn<ErrorRow>[] = [
  { field: 'connector', headerName: 'Connector', width: 170 },
  { field: 'kind', headerName: 'Kind', width: 90 },
  { field: 'code', headerName: 'Error Type', width: 220 },
  { field: 'message', headerName: 'Error', flex: 1, minWidth: 260 },
  { field: 'at', headerName: 'When', width: 170, text: (r) => formatTime(r.at) },
];

const RUN_COLUMNS: TableColumn<JourneyRun>[] = [
  { field: 'at', headerName: 'When', width: 170, text: (r) => formatTime(r.at) },
  { field: 'connector', headerName: 'Run of', width: 170 },
  { field: 'profile', headerName: 'Profile Name', width: 170 },
  { field: 'step', headerName: 'Step', width: 60 },
  { field: 'counter', headerName: 'Counted as', width: 220, text: (r) => `${counterLabel(r.counter)}${r.targetConnector ? ` (${r.targetConnector})` : ''}` },
  { field: 'status', headerName: 'Run status', width: 220, text: (r) => statusLook(r.status).text },
  { field: 'dn', headerName: 'Object', flex: 1, minWidth: 220 },
  { field: 'message', headerName: 'Details', width: 220 },
];

function Section({ title, children, height = 300 }: { title: string; children: React.ReactNode; height?: number }) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} sx={{ display: 'flex', flexDirection: 'column', flex: '0 0 auto', height }}>
      <Typography variant="subtitle1" component="h3" id={id} sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Box sx={{ flex: 1, minHeight: 0 }}>{children}</Box>
    </Box>
  );
}

function JourneyBody({ target }: { target: JourneyRef }) {
  const nav = useObjectNavigation();
  const q = useApiQuery('journey.get', target);
  const changes = useMemo(() => (q.data ? changeRows(q.data) : []), [q.data]);
  const errors = useMemo(() => (q.data ? errorRows(q.data) : []), [q.data]);
  if (q.isError) return <ErrorAlert error={q.error} what="Loading the object journey" onRetry={() => void q.refetch()} />;
  const j = q.data;
  if (!j) return <Typography sx={{ p: 2 }}>Loading…</Typography>;
  const openRun = (r: JourneyRun) => navigate({ journey: null, tab: 'operations', run: r.runId, connector: null, status: null, from: null, to: null, cycle: null, cycles: null });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 2, height: '100%', overflow: 'auto' }}>
      <Box component="section" aria-labelledby="journey-mv" sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" id="journey-mv" sx={{ fontWeight: 600 }}>
          Metaverse object
        </Typography>
        {j.mv ? (
          <>
            <Typography variant="body2">
              {j.mv.displayName ?? `(${j.mv.id})`} · {j.mv.objectType} {j.mv.id} · created {formatTime(j.mv.createdAt)} · updated {formatTime(j.mv.updatedAt)}
            </Typography>
            <Button onClick={() => nav.open({ kind: 'mv', id: j.mv!.id })}>Metaverse Object Properties</Button>
          </>
        ) : (
          <Typography variant="body2" role="status">
            Not joined to a metaverse object: this connector space object is a disconnector.
          </Typography>
        )}
      </Box>
      <Section title="Connector space objects">
        <DataTable label="Joined objects" rows={j.objects} columns={OBJECT_COLUMNS} getRowId={(r) => r.csId} onOpen={(r) => nav.open({ kind: 'cs', connector: r.connector, id: r.csId })} />
      </Section>
      <Section title="Pending changes" height={changes.length ? 300 : 60}>
        {changes.length ? <DataTable label="Pending changes" rows={changes} columns={CHANGE_COLUMNS} getRowId={(r) => r.key} /> : <Typography role="status">Nothing is pending: every connector space holds what was last imported and exported.</Typography>}
      </Section>
      <Section title="Errors" height={errors.length ? 240 : 60}>
        {errors.length ? <DataTable label="Errors" rows={errors} columns={ERROR_COLUMNS} getRowId={(r) => r.key} /> : <Typography role="status">No import, synchronization or export error.</Typography>}
      </Section>
      <Section title="Runs that touched it" height={j.runs.length ? 400 : 60}>
        {j.runs.length ? (
          <DataTable label="Runs that touched it" rows={j.runs} columns={RUN_COLUMNS} getRowId={(r) => `${r.runId}/${r.step}/${r.counter}/${r.csId}/${r.at}`} onOpen={openRun} />
        ) : (
          <Typography role="status">No run has recorded anything about these objects.</Typography>
        )}
      </Section>
    </Box>
  );
}

/** A full-window page over the console for one identity. */
export function JourneyDialog({ target, onClose }: { target: JourneyRef; onClose: () => void }) {
  return (
    <Dialog open fullScreen onClose={onClose} aria-labelledby="journey-title">
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Typography variant="h6" component="h2" id="journey-title" sx={{ flex: 1 }}>
            Object journey
          </Typography>
          <Tooltip title="Close">
            <IconButton aria-label="Close" onClick={onClose}>
              <CloseIcon />
            </IconButton>
          </Tooltip>
        </Toolbar>
      </AppBar>
      <ObjectDialogs>
        <JourneyBody target={target} />
      </ObjectDialogs>
    </Dialog>
  );
}
