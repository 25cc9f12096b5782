// The action row above every grid: a count, Export CSV and Copy rows.
import { useState } from 'react';
import { Box, Button, LinearProgress, Snackbar, Typography } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { ReactNode } from 'react';
import { describeError } from './error-text.ts';

export interface GridActionsProps {
  /** Grid name, used in button labels ("Export Runs to CSV"). */
  label: string;
  count: string;
  /** Produces the whole result as CSV and saves it. */
  onExport: () => Promise<void> | void;
  /** Copies the selected rows; disabled when nothing is selected. */
  onCopy: () => Promise<number> | number;
  selectedCount: number;
  children?: ReactNode;
}

/** Count, export and copy controls, with feedback for long exports. */
export function GridActions({ label, count, onExport, onCopy, selectedCount, children }: GridActionsProps) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      setNote(await fn());
    } catch (err) {
      setNote(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ position: 'relative' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.5, flexWrap: 'wrap' }}>
        <Typography variant="body2" role="status" aria-label={`${label} count`} sx={{ mr: 'auto' }}>
          {count}
        </Typography>
        {children}
        <Button
          startIcon={<ContentCopyIcon />}
          disabled={selectedCount === 0 || busy}
          onClick={() => void run(async () => `Copied ${await onCopy()} rows`)}
          aria-label={`Copy selected ${label} rows`}
        >
          Copy rows
        </Button>
        <Button
          startIcon={<FileDownloadIcon />}
          disabled={busy}
          onClick={() => void run(async () => (await onExport(), 'Export saved'))}
          aria-label={`Export ${label} to CSV`}
        >
          Export CSV
        </Button>
      </Box>
      {busy ? <LinearProgress aria-label="Working" sx={{ position: 'absolute', left: 0, right: 0, bottom: 0 }} /> : null}
      <Snackbar open={note !== null} autoHideDuration={3000} onClose={() => setNote(null)} message={note ?? ''} />
    </Box>
  );
}
