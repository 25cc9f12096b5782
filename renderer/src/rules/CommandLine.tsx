// The command line equivalent of a console action, shown under it in a copyable monospace line.
import { Typography } from '@mui/material';

/** "Command line: idsync …" (selecting the command takes it whole). */
export function CommandLine({ command, label = 'Command line' }: { command: string; label?: string }) {
  return (
    <Typography variant="caption" color="text.secondary" component="p" sx={{ m: 0 }}>
      {label}: <code style={{ userSelect: 'all', overflowWrap: 'anywhere' }}>{command}</code>
    </Typography>
  );
}
