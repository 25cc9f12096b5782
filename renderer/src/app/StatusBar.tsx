// The bottom line of the window: host, data directory, engine state, what runs (in any process) and who
// holds the data directory. Kept current by the engine's state events, not by polling.
import { Box, Chip, Typography } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import type { SystemStatus } from '../../../shared/model/system.ts';

/** What the engine is doing, in words: each run in progress with who started it. */
export function activityText(s: Pick<SystemStatus, 'activeRuns' | 'lock'>): string | null {
  if (s.activeRuns.length) return `Running ${s.activeRuns.map((r) => `${r.connector}: ${r.profile} (${r.startedBy})`).join(', ')}`;
  if (s.lock) return `Busy: ${s.lock.holder}`;
  return null;
}

/** Shows where the console is connected and what the engine is doing. */
export function StatusBar() {
  const status = useApiQuery('system.status', {});
  const s = status.data;
  const state = status.isError ? 'disconnected' : (s?.state ?? 'connecting');
  const activity = s ? activityText(s) : null;
  return (
    <Box
      component="footer"
      role="contentinfo"
      aria-label="Status bar"
      sx={{ display: 'flex', gap: 2, alignItems: 'center', px: 2, py: 0.5, borderTop: 1, borderColor: 'divider', minHeight: 32 }}
    >
      <Typography variant="caption" aria-label="Host">
        Host: {s ? (s.host === 'electron' ? 'desktop console' : 'headless host (idsync serve)') : '…'}
      </Typography>
      <Typography variant="caption" aria-label="Data directory" sx={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        Data: {s?.home ?? '…'}
        {s?.hostLock ? ` · held by ${s.hostLock.holder} (process ${s.hostLock.pid} on ${s.hostLock.hostname})` : ''}
      </Typography>
      {activity ? (
        <Typography variant="caption" role="status" aria-label="Engine activity">
          {activity}
        </Typography>
      ) : null}
      <Chip size="small" label={`Engine: ${state}`} color={status.isError ? 'error' : s?.state === 'running' ? 'info' : 'default'} aria-label="Engine state" />
      <Typography variant="caption">{s ? `v${s.version}` : ''}</Typography>
    </Box>
  );
}
