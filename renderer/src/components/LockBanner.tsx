// Says what holds the engine lock (a run, the wizard, maintenance), so a disabled action is never a mystery.
import { Alert } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import type { EngineLock } from '../../../shared/model/system.ts';
import { formatTime } from './values.ts';

/** The sentence shown for a lock holder. */
export function lockSentence(lock: EngineLock): string {
  const since = formatTime(lock.since);
  if (lock.kind === 'wizard') return `The configuration wizard holds the engine (${lock.holder}, since ${since}); scheduled runs are paused until it closes.`;
  if (lock.kind === 'maintenance') return `Maintenance holds the engine (${lock.holder}, since ${since}).`;
  return `A run holds the engine: ${lock.holder} (since ${since}).`;
}

/** The current lock (the console's live updates keep the status current). */
export function useEngineLock(): EngineLock | null {
  return useApiQuery('system.status', {}).data?.lock ?? null;
}

/** A banner while the engine lock is held; nothing otherwise. */
export function LockBanner() {
  const lock = useEngineLock();
  if (!lock) return null;
  return (
    <Alert severity={lock.kind === 'run' ? 'info' : 'warning'} role="status" aria-label="Engine lock" sx={{ py: 0 }}>
      {lockSentence(lock)}
    </Alert>
  );
}
