// Text only screen readers (and tests finding controls by name) read: the row a control belongs to.
import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** Hidden from sight, part of the accessible name. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' }}>
      {children}
    </Box>
  );
}

/** A label whose row prefix ("Transformation 2 ") is read but not shown. */
export function rowLabel(prefix: string, label: string): ReactNode {
  return (
    <>
      <VisuallyHidden>{prefix} </VisuallyHidden>
      {label}
    </>
  );
}
