// The lower pane of Operations: a run's header, its steps, and the selected step's statistics.
import { useEffect, useState } from 'react';
import { Box, List, ListItem, ListItemButton, ListItemText, Typography } from '@mui/material';
import type { RunDetail } from '../../../shared/model/runs.ts';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { formatTime } from '../components/values.ts';
import { StatusChip } from './StatusChip.tsx';
import { StatisticsBox } from './StatisticsBox.tsx';
import { ObjectListDialog } from './ObjectListDialog.tsx';
import type { StatLine } from './statistics.ts';
import { ProgressLine } from './LiveProgress.tsx';
import type { ProgressMap } from './progress.ts';

const STEP_NAMES: Record<string, string> = {
  'full-import': 'Full Import',
  'delta-import': 'Delta Import',
  'full-sync': 'Full Synchronization',
  'delta-sync': 'Delta Synchronization',
  export: 'Export',
};

/** Display name of a step type. */
export function stepName(type: string): string {
  return STEP_NAMES[type] ?? type;
}

/** Details of one run; a running run is read again when it moves to its next step (and when it ends). */
export function RunDetailPane({ runId, progress }: { runId: string | null; progress: ProgressMap }) {
  const q = useApiQuery('runs.get', { runId: runId ?? '' }, { enabled: runId !== null });
  const liveStep = runId !== null ? progress.get(runId)?.step : undefined;
  const { refetch } = q;
  useEffect(() => {
    if (liveStep !== undefined) void refetch();
  }, [liveStep, refetch]);
  if (runId === null) return <EmptyState title="No run selected">Select a run above to see its steps and statistics.</EmptyState>;
  if (q.isError) return <ErrorAlert error={q.error} what="Loading the run" onRetry={() => void q.refetch()} />;
  if (!q.data) return <Typography sx={{ p: 2 }}>Loading…</Typography>;
  // A new run starts on its own first step with no drill-down open.
  return <RunDetailView key={q.data.id} run={q.data} progress={progress} />;
}

function RunDetailView({ run, progress }: { run: RunDetail; progress: ProgressMap }) {
  const [stepNo, setStepNo] = useState<number | null>(run.steps[0]?.step ?? null);
  const [drill, setDrill] = useState<{ line: StatLine; isError: boolean } | null>(null);
  useEffect(() => {
    if (stepNo === null || !run.steps.some((s) => s.step === stepNo)) setStepNo(run.steps[run.steps.length - 1]?.step ?? null);
  }, [run, stepNo]);
  const step = run.steps.find((s) => s.step === stepNo) ?? null;
  const live = progress.get(run.id);
  return (
    <Box sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1 }} component="section" aria-label="Run details">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h2">
          {run.connector} — Profile Name: {run.profile}
        </Typography>
        <StatusChip status={run.status} />
        <Typography variant="body2" color="text.secondary">
          User Name: {run.startedBy} · {formatTime(run.startedAt)} – {formatTime(run.endedAt)}
        </Typography>
      </Box>
      {live ? <ProgressLine p={live} /> : null}
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <List dense aria-label="Steps" sx={{ width: 260, flexShrink: 0, border: 1, borderColor: 'divider', borderRadius: 1, py: 0 }}>
          {run.steps.map((s) => (
            <ListItem key={s.step} disablePadding>
            <ListItemButton selected={s.step === stepNo} onClick={() => setStepNo(s.step)}>
              <ListItemText
                primary={`Step ${s.step}: ${stepName(s.type)}`}
                secondary={
                  <>
                    <StatusChip status={s.status} />
                    {s.partition ? ` ${s.partition}` : ''}
                    <br />
                    {formatTime(s.startedAt)} – {formatTime(s.endedAt)}
                  </>
                }
                slotProps={{ secondary: { component: 'div' } }}
              />
            </ListItemButton>
            </ListItem>
          ))}
          {run.steps.length === 0 ? (
            <ListItem>
              <Typography variant="body2">No steps recorded.</Typography>
            </ListItem>
          ) : null}
        </List>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          {step ? <StatisticsBox step={step} onDrill={(line, isError) => setDrill({ line, isError })} /> : null}
        </Box>
      </Box>
      {drill && step ? <ObjectListDialog run={run} step={step.step} line={drill.line} isError={drill.isError} onClose={() => setDrill(null)} /> : null}
    </Box>
  );
}
