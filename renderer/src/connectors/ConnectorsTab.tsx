// Connectors: the list with state and last run, and the actions Run, Stop, Properties, Search Connector Space,
// Export. Actions act on the connector last clicked; with several selected they say why they wait.
import { useMemo, useState } from 'react';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import SettingsIcon from '@mui/icons-material/Settings';
import SearchIcon from '@mui/icons-material/Search';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import type { ConnectorSummary } from '../../../shared/model/connectors.ts';
import { getApi } from '../api/client.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { navigate, useUrlParams } from '../app/url-state.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { LockBanner, useEngineLock, lockSentence } from '../components/LockBanner.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime } from '../components/values.ts';
import { downloadText } from '../components/download.ts';
import { exportFileName } from '../components/csv.ts';
import { ObjectDialogs } from '../cs/ObjectDialogs.tsx';
import { CsSearchDialog } from '../cs/CsSearchDialog.tsx';
import { RunDetailPane } from '../operations/RunDetailPane.tsx';
import { LiveProgress } from '../operations/LiveProgress.tsx';
import { useRunProgress } from '../operations/use-run-progress.ts';
import { statusLook } from '../operations/run-status.ts';
import { RunProfileDialog } from './RunProfileDialog.tsx';
import { ConnectorPropertiesDialog } from './ConnectorPropertiesDialog.tsx';
import { connectorExportDocument } from './connector-export.ts';
import { useFullSyncMarks } from '../rules/FullSyncNotice.tsx';

const COLUMNS: TableColumn<ConnectorSummary>[] = [
  { field: 'name', headerName: 'Name', width: 200 },
  { field: 'type', headerName: 'Type', width: 140 },
  { field: 'description', headerName: 'Description', flex: 1, minWidth: 160 },
  { field: 'state', headerName: 'State', width: 90, text: (r) => (r.state === 'running' ? 'Running' : 'Idle') },
  { field: 'objectCount', headerName: 'Objects', width: 90, type: 'number', valueFormatter: (v: number) => v.toLocaleString('en-US') },
  { field: 'lastRun', headerName: 'Last run', width: 300, text: (r) => (r.lastRun ? `${r.lastRun.profile}: ${statusLook(r.lastRun.status).text}${r.lastRun.endedAt ? ` (${formatTime(r.lastRun.endedAt)})` : ''}` : 'never') },
];

/** The sentence shown while several connectors are selected. */
export function multiSelectionReason(count: number): string {
  return `${count} connectors are selected: choose one to run, stop, search or export it.`;
}

/** The connector list and its actions; the open dialog and its connector are in the URL. */
export function ConnectorsTab() {
  const list = useApiQuery('connectors.list', {});
  const params = useUrlParams();
  const dialog = params.get('dialog');
  const dialogConnector = params.get('on');
  const [focused, setFocused] = useState<ConnectorSummary | null>(null);
  const [selectedCount, setSelectedCount] = useState(0);
  const [exportError, setExportError] = useState<unknown>(null);
  const progress = useRunProgress();
  const lock = useEngineLock();
  const stop = useApiMutation('runs.stop', ['connectors.list', 'runs.list']);
  // The focused connector follows the fresh list so state and last run stay current.
  const current = useMemo(() => (focused ? (list.data?.find((c) => c.id === focused.id) ?? focused) : null), [focused, list.data]);
  const marks = useFullSyncMarks();
  const required = useMemo(() => new Map((marks.data ?? []).map((m) => [m.connectorId, [m.fullImportRequired ? 'Full import' : '', m.fullSyncRequired ? 'Full synchronization' : ''].filter(Boolean).join(' and ')])), [marks.data]);
  const columns = useMemo<TableColumn<ConnectorSummary>[]>(
    () => [...COLUMNS, { field: 'required', headerName: 'Next cycle', width: 230, text: (r) => (required.has(r.id) ? `${required.get(r.id)} required` : '') }],
    [required],
  );
  const exportConnector = async (name: string) => {
    setExportError(null);
    try {
      const detail = await getApi().call('connectors.get', { connector: name });
      downloadText(exportFileName(`connector-${name}`, 'json'), `${JSON.stringify(connectorExportDocument(detail), null, 2)}\n`, 'application/json');
    } catch (err) {
      setExportError(err);
    }
  };
  const multi = selectedCount > 1;
  const busyReason = lock && lock.kind !== 'run' ? lockSentence(lock) : null;
  const name = multi ? null : (current?.name ?? null);
  const why = multi ? multiSelectionReason(selectedCount) : name ? '' : 'Select a connector first';
  const open = (kind: 'run' | 'properties' | 'search', connector: string) => navigate({ dialog: kind, on: connector });
  // Closing replaces the entry: Back then returns to where the dialog was opened from.
  const close = () => navigate({ dialog: null, on: null }, false);
  return (
    <ObjectDialogs>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1, minHeight: 0 }}>
        <LockBanner />
        <LiveProgress progress={progress} />
        {list.isError ? <ErrorAlert error={list.error} what="Loading connectors" onRetry={() => void list.refetch()} /> : null}
        {exportError ? <ErrorAlert error={exportError} what="Exporting the connector" /> : null}
        {stop.isError ? <ErrorAlert error={stop.error} what="Stopping the run" /> : null}
        <Box sx={{ flex: '1 1 45%', minHeight: 220 }}>
          {list.data && list.data.length === 0 ? (
            <EmptyState title="No connectors yet">Create connectors with the configuration wizard, a configuration file, or `idsync demo`.</EmptyState>
          ) : (
            <DataTable
              label="Connectors"
              rows={list.data ?? []}
              columns={columns}
              getRowId={(r) => r.id}
              loading={list.isPending}
              onSelect={(row, all) => {
                setFocused(row);
                setSelectedCount(all.length);
              }}
              onOpen={(r) => open('properties', r.name)}
              actions={
                <Box role="toolbar" aria-label="Connector actions" sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }}>
                  {multi ? (
                    <Typography variant="body2" role="status" color="text.secondary">
                      {multiSelectionReason(selectedCount)}
                    </Typography>
                  ) : null}
                  <Tooltip title={busyReason ?? why}>
                    <span>
                      <Button startIcon={<PlayArrowIcon />} disabled={!name || current?.state === 'running' || busyReason !== null} onClick={() => name && open('run', name)}>
                        Run
                      </Button>
                    </span>
                  </Tooltip>
                  <Button startIcon={<StopIcon />} disabled={!name || current?.state !== 'running' || stop.isPending} onClick={() => name && stop.mutate({ connector: name })}>
                    Stop
                  </Button>
                  <Button startIcon={<SettingsIcon />} disabled={!name} onClick={() => name && open('properties', name)}>
                    Properties
                  </Button>
                  <Button startIcon={<SearchIcon />} disabled={!name} onClick={() => name && open('search', name)}>
                    Search Connector Space
                  </Button>
                  <Button startIcon={<FileDownloadIcon />} disabled={!name} onClick={() => name && void exportConnector(name)}>
                    Export Connector
                  </Button>
                </Box>
              }
            />
          )}
        </Box>
        <Box sx={{ flex: '1 1 55%', minHeight: 180, overflow: 'auto', borderTop: 1, borderColor: 'divider' }} aria-label="Last run of the selected connector" component="section">
          {current?.lastRun ? (
            <RunDetailPane runId={current.lastRun.runId} progress={progress} />
          ) : (
            <EmptyState title={current ? 'This connector has not run yet' : 'No connector selected'}>The statistics of the selected connector's most recent run appear here.</EmptyState>
          )}
        </Box>
        {dialog === 'run' && dialogConnector ? <RunProfileDialog connector={dialogConnector} onClose={close} /> : null}
        {dialog === 'properties' && dialogConnector ? <ConnectorPropertiesDialog connector={dialogConnector} onClose={close} /> : null}
        {dialog === 'search' && dialogConnector ? <CsSearchDialog connector={dialogConnector} onClose={close} /> : null}
      </Box>
    </ObjectDialogs>
  );
}
