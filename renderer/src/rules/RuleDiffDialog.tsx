// The diff view: a rule (a clone) against another (its original), field by field.
import { useMemo } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { diffRules, type DiffRow } from './rule-diff.ts';

const COLUMNS: TableColumn<DiffRow>[] = [
  { field: 'section', headerName: 'Section', width: 150 },
  { field: 'item', headerName: 'Item', width: 190 },
  { field: 'change', headerName: 'Change', width: 90 },
  { field: 'original', headerName: 'Original', flex: 1, minWidth: 220 },
  { field: 'changed', headerName: 'This rule', flex: 1, minWidth: 220 },
];

/** Differences from `original` to `rule`. */
export function RuleDiffDialog({ original, rule, onClose }: { original: SyncRule; rule: SyncRule; onClose: () => void }) {
  const rows = useMemo(() => diffRules(original, rule), [original, rule]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="rule-diff-title">
      <DialogTitle id="rule-diff-title">Compare "{rule.name}" with "{original.name}"</DialogTitle>
      <DialogContent dividers sx={{ height: '60vh', display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Typography variant="body2" role="status" aria-label="Comparison summary">
          {rows.length ? `${rows.length} difference${rows.length === 1 ? '' : 's'}` : 'The rules are the same.'}
          {original.disabled ? ` "${original.name}" is disabled.` : ''}
        </Typography>
        <DataTable label="Rule differences" rows={rows} columns={COLUMNS} getRowId={(r) => r.id} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
