// Operations: the run history of every connector, live progress, and the selected run's details.
import { useState } from 'react';
import { Box, Button, FormControl, InputLabel, MenuItem, Select, ToggleButton } from '@mui/material';
import BarChartIcon from '@mui/icons-material/BarChart';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useQueryClient } from '@tanstack/react-query';
import type { RunSummary } from '../../../shared/model/runs.ts';
import { useApiQuery } from '../api/hooks.ts';
import { LockBanner } from '../components/LockBanner.tsx';
import { ObjectDialogs } from '../cs/ObjectDialogs.tsx';
import { RunGrid } from './RunGrid.tsx';
import { RunDetailPane } from './RunDetailPane.tsx';
import { LiveProgress } from './LiveProgress.tsx';
import { ClearRunsDialog } from './ClearRunsDialog.tsx';
import { HistoryChart } from './HistoryChart.tsx';
import { STATUS_GROUPS } from './run-status.ts';
import { useRunProgress } from './use-run-progress.ts';

const ALL = '__all__';

/** The run history view. */
export function OperationsTab() {
  const [connector, setConnector] = useState<string | null>(null);
  const [statusGroup, setStatusGroup] = useState<string>(ALL);
  const [selected, setSelected] = useState<RunSummary | null>(null);
  const [chart, setChart] = useState(false);
  const [clearing, setClearing] = useState(false);
  const progress = useRunProgress();
  const connectors = useApiQuery('connectors.list', {});
  const client = useQueryClient();
  const statuses = statusGroup === ALL ? [] : (STATUS_GROUPS[statusGroup] ?? []);
  // Until a run is chosen, the lower pane follows the newest run of the filtered history.
  const newest = useApiQuery('runs.list', { connector: connector ?? undefined, status: statuses.length ? (statuses as RunSummary['status'][]) : undefined, limit: 1 }, { enabled: selected === null });
  const shownRun = selected?.id ?? newest.data?.items[0]?.id ?? null;
  return (
    <ObjectDialogs>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1, minHeight: 0 }}>
        <LockBanner />
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }} role="toolbar" aria-label="Operations actions">
          <FormControl size="small" sx={{ minWidth: 180 }}>
            <InputLabel id="ops-connector-label">Connector</InputLabel>
            <Select labelId="ops-connector-label" label="Connector" value={connector ?? ALL} onChange={(e) => setConnector(e.target.value === ALL ? null : e.target.value)}>
              <MenuItem value={ALL}>All connectors</MenuItem>
              {(connectors.data ?? []).map((c) => (
                <MenuItem key={c.id} value={c.name}>
                  {c.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 180 }}>
            <InputLabel id="ops-status-label">Status</InputLabel>
            <Select labelId="ops-status-label" label="Status" value={statusGroup} onChange={(e) => setStatusGroup(e.target.value)}>
              <MenuItem value={ALL}>Any status</MenuItem>
              {Object.keys(STATUS_GROUPS).map((g) => (
                <MenuItem key={g} value={g}>
                  {g}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <Button startIcon={<RefreshIcon />} onClick={() => void client.invalidateQueries({ queryKey: ['runs.list'] })}>
            Refresh
          </Button>
          <ToggleButton value="chart" size="small" selected={chart} onChange={() => setChart(!chart)} aria-label="Show run history chart">
            <BarChartIcon fontSize="small" sx={{ mr: 0.5 }} /> Chart
          </ToggleButton>
          <Button startIcon={<DeleteSweepIcon />} color="warning" onClick={() => setClearing(true)}>
            Clear Runs
          </Button>
        </Box>
        <LiveProgress progress={progress} />
        {chart ? <HistoryChart connector={connector} /> : null}
        <Box sx={{ flex: '1 1 50%', minHeight: 230 }}>
          <RunGrid connector={connector} statuses={statuses} progress={progress} onSelect={(r) => r && setSelected(r)} />
        </Box>
        <Box sx={{ flex: '1 1 50%', minHeight: 200, overflow: 'auto', borderTop: 1, borderColor: 'divider' }}>
          <RunDetailPane runId={shownRun} progress={progress} />
        </Box>
        {clearing ? <ClearRunsDialog onClose={() => setClearing(false)} /> : null}
      </Box>
    </ObjectDialogs>
  );
}
