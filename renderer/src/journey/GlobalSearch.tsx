// One box that finds an identity by UPN, mail, anchor, DN, employee ID or name across every connector space
// and the metaverse, and the list of what it found; each hit opens the object's journey.
import { useEffect, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, InputAdornment, TextField, Typography } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import type { SearchHit } from '../../../shared/model/journey.ts';
import { useApiQuery } from '../api/hooks.ts';
import { navigate } from '../app/url-state.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { journeyOfHit, journeyParam } from './journey-ref.ts';

/** The search box of the toolbar; the text goes to the URL, which opens the results. */
export function GlobalSearchBox({ current }: { current: string | null }) {
  const [text, setText] = useState(current ?? '');
  useEffect(() => setText(current ?? ''), [current]);
  return (
    <Box component="form" role="search" aria-label="Find an identity" onSubmit={(e) => { e.preventDefault(); if (text.trim()) navigate({ find: text.trim(), journey: null }); }}>
      <TextField
        label="Find identity"
        placeholder="UPN, mail, anchor, DN, employee ID or name"
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ width: 300 }}
        slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> } }}
      />
    </Box>
  );
}

const COLUMNS: TableColumn<SearchHit>[] = [
  { field: 'displayName', headerName: 'Name', width: 200, text: (r) => r.displayName ?? '' },
  { field: 'where', headerName: 'Found in', width: 180, text: (r) => (r.kind === 'mv' ? 'Metaverse' : (r.connector ?? '')) },
  { field: 'objectType', headerName: 'Object Type', width: 120 },
  { field: 'matched', headerName: 'Matched', width: 300, text: (r) => `${r.matched.attribute}${r.matched.exact ? ' = ' : ' contains: '}${r.matched.value}` },
  { field: 'dn', headerName: 'Distinguished Name', flex: 1, minWidth: 240, text: (r) => r.dn ?? '' },
];

/** The hits of one search; Enter, a double-click or "Open journey" follows the chosen one. */
export function GlobalSearchDialog({ text, onClose }: { text: string; onClose: () => void }) {
  const q = useApiQuery('search.global', { text, limit: 100 });
  const [chosen, setChosen] = useState<SearchHit | null>(null);
  const open = (hit: SearchHit) => navigate({ find: null, journey: journeyParam(journeyOfHit(hit)) });
  const hits = q.data?.items ?? [];
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xl" aria-labelledby="global-search-title">
      <DialogTitle id="global-search-title">Identities matching “{text}”</DialogTitle>
      <DialogContent sx={{ height: '70vh', display: 'flex', flexDirection: 'column', gap: 1 }}>
        {q.isError ? <ErrorAlert error={q.error} what="Searching" onRetry={() => void q.refetch()} /> : null}
        {q.data?.truncated ? (
          <Typography variant="body2" role="status">
            Showing the first {hits.length} matches; type more of the name, or an exact UPN, mail or anchor.
          </Typography>
        ) : null}
        {q.data && hits.length === 0 ? <Typography role="status">Nothing matches “{text}” in the metaverse or any connector space.</Typography> : null}
        <Box sx={{ flex: 1, minHeight: 0 }}>
          <DataTable label="Identities found" rows={hits} columns={COLUMNS} getRowId={(r) => `${r.kind}:${r.id}`} loading={q.isPending} onSelect={setChosen} onOpen={open} />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" disabled={!chosen} onClick={() => chosen && open(chosen)}>
          Open journey
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
