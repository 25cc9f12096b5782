// The function reference: every function of the expression language with its signatures and description,
// searchable, each insertable at the cursor.
import { useMemo, useState } from 'react';
import { Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, TextField, Typography } from '@mui/material';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

/** Lists the functions; `onInsert` receives the chosen name. */
export function FunctionReference({ onInsert, onClose }: { onInsert: (name: string) => void; onClose: () => void }) {
  const q = useApiQuery('expressions.functions', {}, { staleTime: Infinity });
  const [text, setText] = useState('');
  const shown = useMemo(() => {
    const t = text.trim().toLowerCase();
    return (q.data ?? []).filter((f) => !t || f.name.toLowerCase().includes(t) || f.category.toLowerCase().includes(t) || f.doc.toLowerCase().includes(t));
  }, [q.data, text]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="fn-ref-title">
      <DialogTitle id="fn-ref-title">Function reference</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1, height: '65vh' }}>
        <TextField label="Search functions" value={text} onChange={(e) => setText(e.target.value)} size="small" autoFocus />
        {q.isError ? <ErrorAlert error={q.error} what="Loading the functions" /> : null}
        <Typography variant="body2" role="status">{shown.length} functions. Names are case-sensitive.</Typography>
        <List dense aria-label="Functions" sx={{ overflow: 'auto', flex: 1 }}>
          {shown.map((f) => (
            <ListItem key={f.name} divider aria-label={f.name} secondaryAction={<Button size="small" aria-label={`Insert ${f.name}`} onClick={() => onInsert(f.name)}>Insert</Button>}>
              <Box sx={{ pr: 10 }}>
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
                  <Typography variant="subtitle2" component="span">{f.name}</Typography>
                  <Chip size="small" label={f.category} variant="outlined" />
                </Box>
                {f.signatures.map((s) => (
                  <Typography key={s} variant="body2" component="code" sx={{ display: 'block', fontFamily: 'monospace', fontSize: 12 }}>{s}</Typography>
                ))}
                <Typography variant="body2" color="text.secondary">{f.doc}</Typography>
              </Box>
            </ListItem>
          ))}
        </List>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
