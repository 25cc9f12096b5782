// Synchronization Error tab: the import, synchronization and export errors an object carries.
import { Box, Typography } from '@mui/material';
import type { CsObjectDetail, ObjectError } from '../../../shared/model/connector-space.ts';
import { ApiCallError } from '../../../shared/api/call-error.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatTime } from '../components/values.ts';

function ErrorBlock({ title, error }: { title: string; error: ObjectError }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h3">{title}</Typography>
      <Typography variant="body2" color="text.secondary">
        {error.code} · {formatTime(error.at)}
        {error.runId ? ` · run ${error.runId}` : ''}
      </Typography>
      {/* The readable message first; the stack trace sits behind the toggle. */}
      <ErrorAlert error={new ApiCallError(error.code, error.message, error.detail)} />
    </Box>
  );
}

/** Every error of the object, or a plain statement that there is none. */
export function ErrorTab({ detail }: { detail: CsObjectDetail }) {
  const errors: [string, ObjectError | null][] = [
    ['Import error', detail.importError],
    ['Synchronization error', detail.syncError],
    ['Export error', detail.exportError],
  ];
  const present = errors.filter((e): e is [string, ObjectError] => e[1] !== null);
  if (present.length === 0) return <Typography role="status">This object has no import, synchronization or export error.</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {present.map(([title, error]) => (
        <ErrorBlock key={title} title={title} error={error} />
      ))}
    </Box>
  );
}
