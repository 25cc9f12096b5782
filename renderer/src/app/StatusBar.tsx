// The bottom line of the window: host, data directory and engine state (with the lock holder).
import { Box, Chip, Typography } from '@mui/material';
import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApiEvent, useApiQuery } from '../api/hooks.ts';

/** Shows where the console is connected and what the engine is doing. */
export function StatusBar() {
  const status = useApiQuery('system.status', {}, { refetchInterval: 10_000 });
  const client = useQueryClient();
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: ['system.status'] }), [client]);
  useApiEvent('state.changed', refresh);
  const s = status.data;
  const state = status.isError ? 'disconnected' : (s?.state ?? 'connecting');
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
      </Typography>
      {s?.lock ? (
        <Typography variant="caption" aria-label="Engine lock">
          Busy: {s.lock.holder}
        </Typography>
      ) : null}
      <Chip size="small" label={`Engine: ${state}`} color={status.isError ? 'error' : s?.state === 'running' ? 'info' : 'default'} aria-label="Engine state" />
      <Typography variant="caption">{s ? `v${s.version}` : ''}</Typography>
    </Box>
  );
}
