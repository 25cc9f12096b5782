// A failure shown the way an admin needs it: what went wrong first, the technical detail behind a toggle.
import { useState } from 'react';
import { Alert, AlertTitle, Box, Button, Collapse } from '@mui/material';
import { describeError } from './error-text.ts';

export interface ErrorAlertProps {
  error: unknown;
  /** What was being done, e.g. "Loading run history". */
  what?: string;
  onRetry?: () => void;
}

/** An error message with a "Show details" toggle for the stack or server response. */
export function ErrorAlert({ error, what, onRetry }: ErrorAlertProps) {
  const [open, setOpen] = useState(false);
  const text = describeError(error, what);
  const severity = text.code === 'not-implemented' ? 'info' : 'error';
  return (
    <Alert
      severity={severity}
      role="alert"
      sx={{ my: 1 }}
      action={
        <Box sx={{ display: 'flex', gap: 1 }}>
          {text.detail ? (
            <Button color="inherit" size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
              {open ? 'Hide details' : 'Show details'}
            </Button>
          ) : null}
          {onRetry ? (
            <Button color="inherit" size="small" onClick={onRetry}>
              Retry
            </Button>
          ) : null}
        </Box>
      }
    >
      <AlertTitle sx={{ mb: 0 }}>{text.message}</AlertTitle>
      <Collapse in={open} unmountOnExit>
        <Box
          component="pre"
          aria-label="Error details"
          sx={{ m: 0, mt: 1, p: 1, maxHeight: 240, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', userSelect: 'text' }}
        >
          {`code: ${text.code}\n${text.detail ?? ''}`}
        </Box>
      </Collapse>
    </Alert>
  );
}
