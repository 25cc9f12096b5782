// Precedence by metaverse attribute: the inbound rules flowing to one attribute in the order they win, each
// opening in the editor, with Move up / Move down (the two rules swap precedences).
import { useMemo, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, InputLabel, MenuItem, Select, Typography } from '@mui/material';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import EditIcon from '@mui/icons-material/Edit';
import type { PrecedenceEntry } from '../../../shared/model/metaverse.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { AttributeField } from './AttributeField.tsx';
import { RULE_QUERIES } from './RuleEditorDialog.tsx';

type Row = PrecedenceEntry & { rank: number; wins: boolean };

const COLUMNS: TableColumn<Row>[] = [
  { field: 'rank', headerName: 'Order', width: 70, type: 'number' },
  { field: 'precedence', headerName: 'Precedence', width: 100, type: 'number' },
  { field: 'ruleName', headerName: 'Sync Rule', flex: 1, minWidth: 220 },
  { field: 'connector', headerName: 'Connector', width: 170 },
  { field: 'flowType', headerName: 'Flow Type', width: 100 },
  { field: 'source', headerName: 'Source', width: 240 },
  { field: 'state', headerName: 'State', width: 100, text: (r) => (r.disabled ? 'disabled' : r.wins ? 'wins' : '') },
];

/** Inbound contributors of one attribute by precedence; the first enabled one wins where it applies. */
export function precedenceRows(entries: readonly PrecedenceEntry[]): Row[] {
  const inbound = entries.filter((e) => e.direction === 'Inbound').sort((a, b) => a.precedence - b.precedence);
  const winner = inbound.find((e) => !e.disabled);
  return inbound.map((e, i) => ({ ...e, rank: i + 1, wins: e === winner }));
}

/** The dialog; `onEdit` opens a rule in the editor. */
export function PrecedenceDialog({ onEdit, onClose, initialAttribute = '' }: { onEdit: (ruleId: string) => void; onClose: () => void; initialAttribute?: string }) {
  const schema = useApiQuery('schema.get', {});
  const [objectType, setObjectType] = useState('');
  const [attribute, setAttribute] = useState(initialAttribute);
  const [selected, setSelected] = useState<Row | null>(null);
  const q = useApiQuery('schema.precedence', { attribute, objectType: objectType || undefined }, { enabled: Boolean(attribute) });
  const swap = useApiMutation('rules.swapPrecedence', [...RULE_QUERIES]);
  const rows = useMemo(() => precedenceRows(q.data ?? []), [q.data]);
  const at = selected ? rows.findIndex((r) => r.ruleId === selected.ruleId) : -1;
  const attrs = useMemo(() => {
    const t = schema.data?.objectTypes.find((o) => o.name === objectType);
    return (t ? t.attributes : (schema.data?.attributes ?? []).map((a) => a.name)).slice().sort((a, b) => a.localeCompare(b));
  }, [schema.data, objectType]);
  const move = (by: -1 | 1) => {
    const other = rows[at + by];
    if (!selected || !other) return;
    swap.mutate({ a: selected.ruleId, b: other.ruleId });
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="precedence-title">
      <DialogTitle id="precedence-title">Precedence by metaverse attribute</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1, height: '65vh' }}>
        <Box sx={{ display: 'flex', gap: 1, pt: 1 }}>
          <FormControl size="small" sx={{ minWidth: 200 }}>
            <InputLabel id="prec-type">Metaverse object type</InputLabel>
            <Select labelId="prec-type" label="Metaverse object type" value={objectType} onChange={(e) => setObjectType(e.target.value)}>
              <MenuItem value="">(any)</MenuItem>
              {(schema.data?.objectTypes ?? []).map((t) => <MenuItem key={t.name} value={t.name}>{t.name}</MenuItem>)}
            </Select>
          </FormControl>
          <AttributeField label="Metaverse attribute" value={attribute} options={attrs} onChange={(v) => { setAttribute(v); setSelected(null); }} width={300} />
        </Box>
        {q.isError ? <ErrorAlert error={q.error} what="Loading the precedence" /> : null}
        {swap.isError ? <ErrorAlert error={swap.error} what="Reordering" /> : null}
        {attribute && q.data && rows.length === 0 ? <Typography role="status">No inbound rule flows to {attribute}.</Typography> : null}
        <Box sx={{ flex: 1, minHeight: 0 }}>
          <DataTable
            label={`Precedence of ${attribute || 'an attribute'}`}
            rows={rows}
            columns={COLUMNS}
            getRowId={(r) => `${r.ruleId}/${r.source}`}
            loading={q.isFetching}
            onSelect={setSelected}
            onOpen={(r) => onEdit(r.ruleId)}
            actions={
              <>
                <Button startIcon={<ArrowUpwardIcon />} disabled={at <= 0 || swap.isPending} onClick={() => move(-1)}>Move up</Button>
                <Button startIcon={<ArrowDownwardIcon />} disabled={at < 0 || at >= rows.length - 1 || swap.isPending} onClick={() => move(1)}>Move down</Button>
                <Button startIcon={<EditIcon />} disabled={!selected} onClick={() => selected && onEdit(selected.ruleId)}>Edit rule</Button>
              </>
            }
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
