// The scheduler and staging mode in the console (Get-/Set-ADSyncScheduler, Start-/Stop-ADSyncSyncCycle, the
// staging switch and report): settings, the next cycle and its type, recent cycles, and who holds the host.
import { useEffect, useState } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, InputLabel, MenuItem, Select, Switch, TextField, Typography,
} from '@mui/material';
import type { ResponseOf } from '../../../shared/api.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime } from '../components/values.ts';
import { StagingReportDialog } from '../policy/StagingBanner.tsx';

type Cycle = ResponseOf<'cycle.list'>[number];
type Scheduler = ResponseOf<'scheduler.get'>;

const CYCLE_COLUMNS: TableColumn<Cycle>[] = [
  { field: 'startedAt', headerName: 'Started', width: 180, text: (r) => formatTime(r.startedAt) },
  { field: 'endedAt', headerName: 'Ended', width: 180, text: (r) => formatTime(r.endedAt) },
  { field: 'policy', headerName: 'Type', width: 80 },
  { field: 'trigger', headerName: 'Trigger', width: 100 },
  { field: 'result', headerName: 'Result', width: 170 },
  { field: 'steps', headerName: 'Steps', flex: 1, minWidth: 240, text: (r) => r.steps.map((s) => `${s.connectorName} ${s.step}: ${s.status}`).join('; ') },
];

/** The next cycle in words: when and which kind, or why none is coming. */
export function nextCycleText(s: Scheduler, now: Date = new Date()): string {
  if (s.SyncCycleInProgress) return 'A sync cycle is running now.';
  if (!s.SyncCycleEnabled) return 'Scheduled cycles are disabled (SyncCycleEnabled is off).';
  if (s.SchedulerSuspended) return 'The scheduler is suspended: no cycle starts until it is resumed.';
  if (!s.NextSyncCycleStartTimeInUTC) return `Next cycle: ${s.NextSyncCyclePolicyType}, when this host's scheduler starts.`;
  const at = new Date(s.NextSyncCycleStartTimeInUTC);
  const minutes = Math.max(0, Math.round((at.getTime() - now.getTime()) / 60_000));
  return `Next cycle: ${s.NextSyncCyclePolicyType} at ${formatTime(at.toISOString())} (in ${minutes} min).`;
}

function SettingsForm({ s }: { s: Scheduler }) {
  const set = useApiMutation('scheduler.set', ['scheduler.get']);
  const [interval, setCycleInterval] = useState(s.CustomizedSyncCycleInterval ?? '');
  const [purge, setPurge] = useState(s.PurgeRunHistoryInterval);
  const [policy, setPolicy] = useState(s.NextSyncCyclePolicyType);
  useEffect(() => {
    setCycleInterval(s.CustomizedSyncCycleInterval ?? '');
    setPurge(s.PurgeRunHistoryInterval);
    setPolicy(s.NextSyncCyclePolicyType);
  }, [s.CustomizedSyncCycleInterval, s.PurgeRunHistoryInterval, s.NextSyncCyclePolicyType]);
  const save = () => set.mutate({ customizedSyncCycleInterval: interval.trim() || null, purgeRunHistoryInterval: purge.trim(), nextSyncCyclePolicyType: policy });
  return (
    <Box component="form" onSubmit={(e) => { e.preventDefault(); save(); }} sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
      <FormControlLabel control={<Switch checked={s.SyncCycleEnabled} onChange={(e) => set.mutate({ syncCycleEnabled: e.target.checked })} />} label="Sync cycle enabled" />
      <FormControlLabel control={<Switch checked={s.MaintenanceEnabled} onChange={(e) => set.mutate({ maintenanceEnabled: e.target.checked })} />} label="Maintenance enabled" />
      <FormControlLabel control={<Switch checked={s.SchedulerSuspended} onChange={(e) => set.mutate({ schedulerSuspended: e.target.checked })} />} label="Scheduler suspended" />
      <TextField label="Customized sync cycle interval" value={interval} onChange={(e) => setCycleInterval(e.target.value)} helperText={`d.HH:mm:ss; empty = default (allowed minimum ${s.AllowedSyncCycleInterval})`} />
      <TextField label="Purge run history interval" value={purge} onChange={(e) => setPurge(e.target.value)} helperText="d.HH:mm:ss" />
      <FormControl size="small" sx={{ minWidth: 180 }}>
        <InputLabel id="next-policy-label">Next sync cycle policy</InputLabel>
        <Select labelId="next-policy-label" label="Next sync cycle policy" value={policy} onChange={(e) => setPolicy(e.target.value as 'Delta' | 'Initial')}>
          <MenuItem value="Delta">Delta</MenuItem>
          <MenuItem value="Initial">Initial</MenuItem>
        </Select>
      </FormControl>
      <Button type="submit" variant="contained" disabled={set.isPending}>
        Save scheduler settings
      </Button>
      {set.isError ? <ErrorAlert error={set.error} what="Saving the scheduler settings" /> : null}
      {set.isSuccess ? (
        <Typography role="status" variant="body2" sx={{ alignSelf: 'center' }}>
          Saved: the effective interval is {set.data.CurrentlyEffectiveSyncCycleInterval}.
        </Typography>
      ) : null}
    </Box>
  );
}

/** Settings, next cycle, cycles, staging and the host, in one dialog. */
export function SchedulerDialog({ onClose }: { onClose: () => void }) {
  const scheduler = useApiQuery('scheduler.get', {});
  const status = useApiQuery('system.status', {});
  const cycles = useApiQuery('cycle.list', {});
  const start = useApiMutation('cycle.start', ['scheduler.get', 'cycle.list']);
  const stop = useApiMutation('cycle.stop', ['scheduler.get', 'cycle.list']);
  const staging = useApiMutation('staging.set', ['scheduler.get']);
  const [report, setReport] = useState(false);
  const s = scheduler.data;
  const host = status.data?.hostLock;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="scheduler-title">
      <DialogTitle id="scheduler-title">Scheduler and staging</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: '60vh' }}>
        {scheduler.isError ? <ErrorAlert error={scheduler.error} what="Loading the scheduler" onRetry={() => void scheduler.refetch()} /> : null}
        {s ? (
          <>
            <Box component="section" aria-labelledby="scheduler-next">
              <Typography variant="subtitle1" component="h3" id="scheduler-next" sx={{ fontWeight: 600 }}>
                Next cycle
              </Typography>
              <Typography role="status" aria-label="Next cycle">
                {nextCycleText(s)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Effective interval {s.CurrentlyEffectiveSyncCycleInterval} · run history kept {s.PurgeRunHistoryInterval}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, mt: 1 }}>
                <Button variant="outlined" disabled={s.SyncCycleInProgress || start.isPending} onClick={() => start.mutate({ policy: 'Delta' })}>
                  Start delta cycle
                </Button>
                <Button variant="outlined" disabled={s.SyncCycleInProgress || start.isPending} onClick={() => start.mutate({ policy: 'Initial' })}>
                  Start initial cycle
                </Button>
                <Button variant="outlined" color="inherit" disabled={!s.SyncCycleInProgress || stop.isPending} onClick={() => stop.mutate({})}>
                  Stop cycle
                </Button>
              </Box>
              {start.isError ? <ErrorAlert error={start.error} what="Starting a cycle" /> : null}
            </Box>
            <Box component="section" aria-labelledby="scheduler-settings">
              <Typography variant="subtitle1" component="h3" id="scheduler-settings" sx={{ fontWeight: 600, mb: 1 }}>
                Scheduler settings
              </Typography>
              <SettingsForm s={s} />
            </Box>
            <Box component="section" aria-labelledby="scheduler-staging">
              <Typography variant="subtitle1" component="h3" id="scheduler-staging" sx={{ fontWeight: 600 }}>
                Staging mode
              </Typography>
              <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
                <FormControlLabel control={<Switch checked={s.StagingModeEnabled} disabled={staging.isPending} onChange={(e) => staging.mutate({ enabled: e.target.checked })} />} label="Staging mode" />
                <Button onClick={() => setReport(true)}>Show the staging report</Button>
              </Box>
              <Typography variant="body2" color="text.secondary">
                {s.StagingModeEnabled ? 'On: this server imports and synchronizes, but exports nothing.' : 'Off: cycles export.'}
              </Typography>
              {staging.isError ? <ErrorAlert error={staging.error} what="Changing staging mode" /> : null}
            </Box>
          </>
        ) : null}
        <Box component="section" aria-labelledby="scheduler-host">
          <Typography variant="subtitle1" component="h3" id="scheduler-host" sx={{ fontWeight: 600 }}>
            Host
          </Typography>
          <Typography variant="body2" aria-label="Host lock holder">
            {host ? `The data directory is held by ${host.holder} (process ${host.pid} on ${host.hostname}, since ${formatTime(host.since)}); its scheduler runs the cycles.` : 'No host holds the data directory: no scheduler runs cycles.'}
          </Typography>
          {status.data?.lock ? <Alert severity="info" sx={{ mt: 1 }}>{`The engine is busy: ${status.data.lock.holder} (${status.data.lock.kind}) since ${formatTime(status.data.lock.since)}.`}</Alert> : null}
        </Box>
        <Box component="section" aria-labelledby="scheduler-cycles" sx={{ height: 260, display: 'flex', flexDirection: 'column' }}>
          <Typography variant="subtitle1" component="h3" id="scheduler-cycles" sx={{ fontWeight: 600 }}>
            Recent cycles of this host
          </Typography>
          <Box sx={{ flex: 1, minHeight: 0 }}>
            <DataTable label="Recent cycles" rows={cycles.data ?? []} columns={CYCLE_COLUMNS} getRowId={(r) => r.id} loading={cycles.isPending} />
          </Box>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
      {report ? <StagingReportDialog onClose={() => setReport(false)} /> : null}
    </Dialog>
  );
}
