// A run or step result as a coloured chip: plain words, the raw code in the tooltip and accessible name.
import { Chip, Tooltip } from '@mui/material';
import { statusLook } from './run-status.ts';

/** Coloured status with its raw result string kept for search and support. */
export function StatusChip({ status }: { status: string }) {
  const look = statusLook(status);
  return (
    <Tooltip title={status}>
      <Chip size="small" variant="outlined" color={look.tone} label={look.text} aria-label={`Status: ${look.text} (${status})`} />
    </Tooltip>
  );
}
