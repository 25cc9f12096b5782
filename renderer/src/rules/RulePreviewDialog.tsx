// Preview of a rule change: one connector space object synchronized with the current rules and with the edited
// rule in their place, side by side; nothing is saved or written.
import { useMemo, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Switch, Typography } from '@mui/material';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RulePreview } from '../../../shared/model/rules-editor.ts';
import { getApi } from '../api/client.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { compareRows, type CompareRow } from './preview-compare.ts';
import { ObjectPicker, type PickedObject } from './ObjectPicker.tsx';

const COLUMNS: TableColumn<CompareRow>[] = [
  { field: 'section', headerName: 'Section', width: 170 },
  { field: 'item', headerName: 'Item', width: 220 },
  { field: 'current', headerName: 'With the current rules', flex: 1, minWidth: 220 },
  { field: 'edited', headerName: 'With the edited rule', flex: 1, minWidth: 220 },
  { field: 'differs', headerName: 'Differs', width: 80, text: (r) => (r.differs ? 'yes' : '') },
];

/** Object choice, Preview, and the comparison. */
export function RulePreviewDialog({ rule, onClose }: { rule: SyncRule; onClose: () => void }) {
  // An outbound rule is previewed on an object of a connector that feeds the metaverse; the user picks it.
  const [pick, setPick] = useState<PickedObject>({ kind: 'cs', connector: rule.direction === 'Inbound' ? rule.connector.name : '', ref: '' });
  const [result, setResult] = useState<RulePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [onlyDiff, setOnlyDiff] = useState(false);
  const [busy, setBusy] = useState(false);
  const rows = useMemo(() => (result ? compareRows(result).filter((r) => !onlyDiff || r.differs) : []), [result, onlyDiff]);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await getApi().call('rules.preview', { rule, connector: pick.connector, dn: pick.ref.trim() }));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xl" aria-labelledby="rule-preview-title">
      <DialogTitle id="rule-preview-title">Preview the change on one object</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1, height: '70vh' }}>
        <Typography variant="body2" color="text.secondary">
          The object is synchronized twice in memory: with the rules as saved, and with "{rule.name || 'the edited rule'}" as it is in the editor. Nothing is saved or exported.
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
          <ObjectPicker value={pick} onChange={setPick} csOnly idPrefix="rule-preview" />
          <Button variant="contained" disabled={busy || !pick.connector || !pick.ref.trim()} onClick={() => void run()}>Preview</Button>
          <FormControlLabel control={<Switch checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />} label="Only differences" />
        </Box>
        {error ? <ErrorAlert error={error} what="Previewing the change" /> : null}
        {result ? (
          <Box sx={{ flex: 1, minHeight: 0 }}>
            <DataTable label="Rule change preview" rows={rows} columns={COLUMNS} getRowId={(r) => r.id} />
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
