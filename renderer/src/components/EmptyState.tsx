// An honest placeholder: says what will appear here and why it is empty now.
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

/** A centred message for a view with nothing to show yet. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <Box role="status" sx={{ p: 6, textAlign: 'center', color: 'text.secondary' }}>
      <Typography variant="h6" component="p" gutterBottom>
        {title}
      </Typography>
      {children ? <Typography variant="body2" component="div">{children}</Typography> : null}
    </Box>
  );
}
