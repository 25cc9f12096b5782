// Progress bars of the running steps: done of total, objects per second, elapsed time.
import { Box, LinearProgress, Paper, Typography } from '@mui/material';
import type { RunProgress } from '../../../shared/model/system.ts';
import { formatCount, formatDuration } from '../components/values.ts';
import { percentDone, type ProgressMap } from './progress.ts';

/** One line per running run; nothing when none runs. */
export function LiveProgress({ progress }: { progress: ProgressMap }) {
  if (progress.size === 0) return null;
  return (
    <Paper variant="outlined" sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1 }} aria-label="Running steps">
      {[...progress.values()].map((p) => (
        <ProgressLine key={p.runId} p={p} />
      ))}
    </Paper>
  );
}

/** The progress of one running step. */
export function ProgressLine({ p }: { p: RunProgress }) {
  const pct = percentDone(p);
  const label = `${p.connector}: ${p.profile}, step ${p.step} (${p.stepType}, ${p.phase})`;
  return (
    <Box>
      <Typography variant="body2">
        {label} — {formatCount(p.done)}
        {p.total !== null ? ` of ${formatCount(p.total)}` : ''} objects, {formatCount(Math.round(p.objectsPerSecond))} objects/s, elapsed {formatDuration(p.elapsedMs)}
      </Typography>
      <LinearProgress
        variant={pct === null ? 'indeterminate' : 'determinate'}
        value={pct ?? undefined}
        aria-label={`Progress of ${p.connector} ${p.profile}`}
        aria-valuetext={pct === null ? `${formatCount(p.done)} objects` : `${pct}%`}
      />
    </Box>
  );
}
