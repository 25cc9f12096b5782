// Operations: the run history of every connector (sorted, filtered, grouped by scheduler cycle), live
// progress, a chart, and the details of the run last chosen. Filters and the chosen run live in the URL.
import { useState } from 'react';
import { Box, Button, FormControl, FormControlLabel, InputLabel, MenuItem, Select, Switch, TextField, ToggleButton } from '@mui/material';
import BarChartIcon from '@mui/icons-material/BarChart';
import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import type { CycleRow, RunListRow } from '../../../shared/model/operations.ts';
import { useApiQuery } from '../api/hooks.ts';
import { navigate, useUrlParams } from '../app/url-state.ts';
import { LockBanner } from '../components/LockBanner.tsx';
import { ObjectDialogs } from '../cs/ObjectDialogs.tsx';
import { RunGrid } from './RunGrid.tsx';
import { CycleGrid } from './CycleGrid.tsx';
import { RunDetailPane } from './RunDetailPane.tsx';
import { LiveProgress } from './LiveProgress.tsx';
import { ClearRunsDialog } from './ClearRunsDialog.tsx';
import { HistoryChart } from './HistoryChart.tsx';
import { STATUS_GROUPS } from './run-status.ts';
import { useRunProgress } from './use-run-progress.ts';
import { localDayStart, rangeProblem, type RunFilters } from './run-filters.ts';

const ALL = '__all__';

/** The run history view. */
export function OperationsTab() {
  const params = useUrlParams();
  const filters: RunFilters = {
    connector: params.get('connector'),
    statusGroup: params.get('status'),
    from: params.get('from'),
    to: params.get('to'),
    cycle: params.get('cycle'),
  };
  const grouped = params.get('cycles') === '1';
  const chart = params.get('chart') === '1';
  const runId = params.get('run');
  const [clearing, setClearing] = useState(false);
  const progress = useRunProgress();
  const connectors = useApiQuery('connectors.list', {});
  const problem = rangeProblem(filters.from, filters.to);
  // Until a run is chosen, the lower pane follows the newest run of the filtered history.
  const newest = useApiQuery('operations.runs', { connector: filters.connector ?? undefined, limit: 1 }, { enabled: runId === null });
  const shownRun = runId ?? newest.data?.items[0]?.id ?? null;
  const choose = (run: RunListRow | null) => {
    if (run) navigate({ run: run.id });
  };
  const chooseCycle = (c: CycleRow | null) => navigate({ cycle: c?.id ?? null, run: null });
  return (
    <ObjectDialogs>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1, minHeight: 0, overflow: 'auto' }}>
        <LockBanner />
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }} role="toolbar" aria-label="Operations actions">
          <FormControl size="small" sx={{ minWidth: 180 }}>
            <InputLabel id="ops-connector-label">Connector</InputLabel>
            <Select labelId="ops-connector-label" label="Connector" value={filters.connector ?? ALL} onChange={(e) => navigate({ connector: e.target.value === ALL ? null : e.target.value, run: null })}>
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
            <Select labelId="ops-status-label" label="Status" value={filters.statusGroup ?? ALL} onChange={(e) => navigate({ status: e.target.value === ALL ? null : e.target.value, run: null })}>
              <MenuItem value={ALL}>Any status</MenuItem>
              {Object.keys(STATUS_GROUPS).map((g) => (
                <MenuItem key={g} value={g}>
                  {g}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <TextField
            type="date"
            label="Started from"
            value={filters.from ?? ''}
            onChange={(e) => navigate({ from: e.target.value || null }, false)}
            slotProps={{ inputLabel: { shrink: true } }}
            error={problem !== null}
          />
          <TextField
            type="date"
            label="Started to"
            value={filters.to ?? ''}
            onChange={(e) => navigate({ to: e.target.value || null }, false)}
            slotProps={{ inputLabel: { shrink: true } }}
            error={problem !== null}
            helperText={problem ?? undefined}
          />
          <FormControlLabel
            control={<Switch checked={grouped} onChange={(e) => navigate({ cycles: e.target.checked ? '1' : null, cycle: null, run: null })} />}
            label="Group by scheduler cycle"
          />
          <ToggleButton value="chart" size="small" selected={chart} onChange={() => navigate({ chart: chart ? null : '1' })}>
            <BarChartIcon fontSize="small" sx={{ mr: 0.5 }} /> Chart
          </ToggleButton>
          <Button startIcon={<DeleteSweepIcon />} variant="outlined" color="inherit" onClick={() => setClearing(true)}>
            Clear Runs
          </Button>
        </Box>
        <LiveProgress progress={progress} />
        {chart ? <HistoryChart filters={filters} onOpen={choose} /> : null}
        {grouped ? (
          <Box sx={{ flex: '1 1 30%', minHeight: 200 }}>
            <CycleGrid startedFrom={localDayStart(filters.from) ?? undefined} startedTo={localDayStart(filters.to, 1) ?? undefined} onSelect={chooseCycle} />
          </Box>
        ) : null}
        {!grouped || filters.cycle ? (
          <Box sx={{ flex: '1 1 45%', minHeight: 380 }}>
            <RunGrid filters={grouped ? filters : { ...filters, cycle: null }} progress={progress} onSelect={choose} />
          </Box>
        ) : null}
        <Box sx={{ flex: '1 1 45%', minHeight: 260, borderTop: 1, borderColor: 'divider' }}>
          <RunDetailPane runId={shownRun} progress={progress} />
        </Box>
        {clearing ? <ClearRunsDialog onClose={() => setClearing(false)} /> : null}
      </Box>
    </ObjectDialogs>
  );
}
