// Connectors: the list with state and last run, and the actions Run, Stop, Properties, Search Connector Space, Export.
import { useMemo, useState } from 'react';
import { Box, Button, Tooltip } from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import SettingsIcon from '@mui/icons-material/Settings';
import SearchIcon from '@mui/icons-material/Search';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import type { ConnectorSummary } from '../../../shared/model/connectors.ts';
import { getApi } from '../api/client.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
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

type Open = 'run' | 'properties' | 'search' | null;

/** The connector list and its actions. */
export function ConnectorsTab() {
  const list = useApiQuery('connectors.list', {}, { refetchInterval: 10_000 });
  const [selected, setSelected] = useState<ConnectorSummary | null>(null);
  const [open, setOpen] = useState<Open>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const progress = useRunProgress();
  const lock = useEngineLock();
  const stop = useApiMutation('runs.stop', ['connectors.list', 'runs.list']);
  // The selection follows the fresh list so state and last run stay current.
  const current = selected ? (list.data?.find((c) => c.id === selected.id) ?? selected) : null;
  const marks = useFullSyncMarks();
  const required = useMemo(() => new Map((marks.data ?? []).map((m) => [m.connectorId, [m.fullImportRequired ? 'Full import' : '', m.fullSyncRequired ? 'Full synchronization' : ''].filter(Boolean).join(' and ')])), [marks.data]);
  const columns = useMemo<TableColumn<ConnectorSummary>[]>(
    () => [
      { field: 'name', headerName: 'Name', width: 200 },
      { field: 'type', headerName: 'Type', width: 140 },
      { field: 'description', headerName: 'Description', flex: 1, minWidth: 160 },
      { field: 'state', headerName: 'State', width: 90, text: (r) => (r.state === 'running' ? 'Running' : 'Idle') },
      { field: 'objectCount', headerName: 'Objects', width: 90, type: 'number' },
      { field: 'lastRun', headerName: 'Last run', width: 300, text: (r) => (r.lastRun ? `${r.lastRun.profile}: ${statusLook(r.lastRun.status).text}${r.lastRun.endedAt ? ` (${formatTime(r.lastRun.endedAt)})` : ''}` : 'never') },
      { field: 'required', headerName: 'Next cycle', width: 230, text: (r) => (required.has(r.id) ? `${required.get(r.id)} required` : '') },
    ],
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
  const busyReason = lock && lock.kind !== 'run' ? lockSentence(lock) : null;
  const name = current?.name ?? null;
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
              onSelect={(r) => r && setSelected(r)}
              onOpen={(r) => { setSelected(r); setOpen('properties'); }}
              actions={
                <Box role="toolbar" aria-label="Connector actions" sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                  <Tooltip title={busyReason ?? (name ? '' : 'Select a connector first')}>
                    <span>
                      <Button startIcon={<PlayArrowIcon />} disabled={!name || current?.state === 'running' || busyReason !== null} onClick={() => setOpen('run')}>
                        Run
                      </Button>
                    </span>
                  </Tooltip>
                  <Button startIcon={<StopIcon />} disabled={!name || current?.state !== 'running' || stop.isPending} onClick={() => name && stop.mutate({ connector: name })}>
                    Stop
                  </Button>
                  <Button startIcon={<SettingsIcon />} disabled={!name} onClick={() => setOpen('properties')}>
                    Properties
                  </Button>
                  <Button startIcon={<SearchIcon />} disabled={!name} onClick={() => setOpen('search')}>
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
          {current?.lastRun ? <RunDetailPane runId={current.lastRun.runId} progress={progress} /> : <EmptyState title={current ? 'This connector has not run yet' : 'No connector selected'}>The statistics of the selected connector's most recent run appear here.</EmptyState>}
        </Box>
        {open === 'run' && name ? <RunProfileDialog connector={name} onClose={() => setOpen(null)} /> : null}
        {open === 'properties' && name ? <ConnectorPropertiesDialog connector={name} onClose={() => setOpen(null)} /> : null}
        {open === 'search' && name ? <CsSearchDialog connector={name} onClose={() => setOpen(null)} /> : null}
      </Box>
    </ObjectDialogs>
  );
}
