// The action row above every grid: a count, Copy rows and Export CSV. Big grids are exported by the engine,
// which writes the file with a progress count the console shows, and which Cancel stops.
import { useState } from 'react';
import { Box, Button, LinearProgress, Snackbar, Typography } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { ReactNode } from 'react';
import { describeError } from './error-text.ts';
import { formatCount } from './values.ts';
import { useEngineExport, type EngineExportRequest } from './use-engine-export.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface GridActionsProps {
  /** Grid name, used in the count's accessible name ("Runs count"). */
  label: string;
  count: string;
  /** Produces the whole result as CSV in the console and saves it (small grids). */
  onExport?: () => Promise<void> | void;
  /** Or: what the engine should export (big grids). */
  engineExport?: () => EngineExportRequest;
  /** Copies the selected rows; disabled when nothing is selected. */
  onCopy: () => Promise<number> | number;
  selectedCount: number;
  children?: ReactNode;
}

/** Count, copy and export controls, with progress and Cancel for exports. */
export function GridActions({ label, count, onExport, engineExport, onCopy, selectedCount, children }: GridActionsProps) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const exporter = useEngineExport();
  const status = exporter.status;
  const exporting = status?.state === 'running';
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
  const startExport = () => {
    if (engineExport) void exporter.start(engineExport());
    else if (onExport) void run(async () => (await onExport(), 'Export saved'));
  };
  const pct = status && status.total > 0 ? Math.min(100, Math.round((status.done / status.total) * 100)) : 0;
  return (
    <Box sx={{ position: 'relative' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.5, flexWrap: 'wrap' }}>
        <Typography variant="body2" role="status" aria-label={`${label} count`} sx={{ mr: 'auto' }}>
          {count}
        </Typography>
        {children}
        <Button startIcon={<ContentCopyIcon />} disabled={selectedCount === 0 || busy} onClick={() => void run(async () => `Copied ${formatCount(await onCopy())} rows`)}>
          Copy rows
        </Button>
        <Button startIcon={<FileDownloadIcon />} disabled={busy || exporting} onClick={startExport}>
          Export CSV
        </Button>
      </Box>
      {exporting && status ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, pb: 0.5 }}>
          <Typography variant="body2" role="status" aria-label="Export progress" sx={{ whiteSpace: 'nowrap' }}>
            Exporting {formatCount(status.done)} of {formatCount(status.total)} rows…
          </Typography>
          <LinearProgress variant="determinate" value={pct} aria-label="Exported rows" sx={{ flex: 1, height: 8, borderRadius: 1 }} />
          <Button color="inherit" onClick={() => void exporter.cancel()}>
            Cancel export
          </Button>
        </Box>
      ) : null}
      {status && status.state !== 'running' ? (
        <Typography variant="caption" role="status" aria-label="Export result" sx={{ display: 'block', pb: 0.5 }}>
          {status.state === 'done'
            ? `Exported ${formatCount(status.done)} rows to ${status.file}`
            : status.state === 'cancelled'
              ? `Export cancelled after ${formatCount(status.done)} rows; the partial file was removed.`
              : `Export failed: ${status.error ?? 'unknown error'}`}
        </Typography>
      ) : null}
      {exporter.error ? <ErrorAlert error={exporter.error} what="Exporting" /> : null}
      {busy ? <LinearProgress aria-label="Working" sx={{ position: 'absolute', left: 0, right: 0, bottom: 0 }} /> : null}
      <Snackbar open={note !== null} autoHideDuration={3000} onClose={() => setNote(null)} message={note ?? ''} />
    </Box>
  );
}
