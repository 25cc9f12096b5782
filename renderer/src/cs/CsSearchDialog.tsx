// Search Connector Space: every scope, attribute clauses ANDed with it (the DN and anchor among the attributes),
// server-side paging, column settings (attribute columns included, e.g. onPremisesDistinguishedName while reviewing
// pending deletes), properties of the chosen object.
import { useMemo, useState } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormGroup, InputLabel, MenuItem, Select, TextField,
} from '@mui/material';
import type { CsObjectRow, CsSearchScope } from '../../../shared/model/connector-space.ts';
import type { MvAttributeDef, MvClause } from '../../../shared/model/metaverse.ts';
import { getApi } from '../api/client.ts';
import { PagedTable } from '../components/PagedTable.tsx';
import { ColumnChooser } from '../components/ColumnChooser.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { buildScope, DEFAULT_FORM, SCOPES, type ChangeOpName, type DisconnectorKind, type ScopeForm } from './search-scope.ts';
import { stateText } from './change-rows.ts';
import { useApiQuery } from '../api/hooks.ts';
import { formatValues } from '../components/values.ts';
import { attributeSuggestions } from './attribute-suggestions.ts';
import { ClauseBuilder } from '../search/ClauseBuilder.tsx';
import { buildClauses, type ClauseDraft } from '../search/clauses.ts';

const COLUMNS: TableColumn<CsObjectRow>[] = [
  { field: 'dn', headerName: 'Distinguished Name', flex: 1, minWidth: 280 },
  { field: 'objectType', headerName: 'Object Type', width: 110 },
  { field: 'anchor', headerName: 'Anchor', width: 180 },
  { field: 'state', headerName: 'State', width: 160, text: (r) => stateText(r.state, r.transient) },
  { field: 'pendingImport', headerName: 'Pending Import', width: 120 },
  { field: 'pendingExport', headerName: 'Pending Export', width: 120 },
  { field: 'hasError', headerName: 'Error', width: 70, text: (r) => (r.hasError ? 'yes' : '') },
  { field: 'mvId', headerName: 'Metaverse Object', width: 200 },
];
const DEFAULT_VISIBLE = ['dn', 'objectType', 'anchor', 'state', 'pendingImport', 'pendingExport', 'hasError'];
const ATTR = 'attr:';

/** The grid column of an attribute: its values as the engine knows them. */
function attributeColumn(name: string): TableColumn<CsObjectRow> {
  return { field: `${ATTR}${name}`, headerName: name, width: 220, text: (r) => formatValues(r.attributes?.[name]) };
}
const OPS: readonly [ChangeOpName, string][] = [['add', 'Add'], ['update', 'Update'], ['delete', 'Delete']];
const KINDS: readonly [DisconnectorKind, string][] = [['normal', 'Normal'], ['filtered', 'Filtered'], ['explicit', 'Explicit']];

/** The search form and its results for one connector. */
export function CsSearchDialog({ connector, onClose }: { connector: string; onClose: () => void }) {
  const nav = useObjectNavigation();
  const [form, setForm] = useState<ScopeForm>(DEFAULT_FORM);
  const [drafts, setDrafts] = useState<ClauseDraft[]>([]);
  const [submitted, setSubmitted] = useState<{ scope: CsSearchScope; clauses: MvClause[] } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [visible, setVisible] = useState<string[]>(DEFAULT_VISIBLE);
  const [selected, setSelected] = useState<CsObjectRow | null>(null);
  const def = SCOPES.find((s) => s.scope === form.scope)!;
  const rules = useApiQuery('rules.list', { connector });
  const suggestions = useMemo(() => attributeSuggestions(rules.data ?? []), [rules.data]);
  // Clauses compare text; `dn` and `anchor` are the object's own DN and anchor.
  const clauseAttributes = useMemo<MvAttributeDef[]>(() => ['dn', 'anchor', ...suggestions].map((name) => ({ name, type: 'string', multiValued: true, indexed: false })), [suggestions]);
  const attributeNames = useMemo(() => visible.filter((f) => f.startsWith(ATTR)).map((f) => f.slice(ATTR.length)), [visible]);
  const columns = useMemo(
    () => visible.map((f) => COLUMNS.find((c) => c.field === f) ?? (f.startsWith(ATTR) ? attributeColumn(f.slice(ATTR.length)) : null)).filter((c): c is TableColumn<CsObjectRow> => c !== null),
    [visible],
  );
  const choices = useMemo(
    () => [
      ...COLUMNS.map((c) => ({ field: c.field, label: c.headerName ?? c.field })),
      ...[...new Set([...suggestions, ...attributeNames])].map((n) => ({ field: `${ATTR}${n}`, label: n })),
    ],
    [suggestions, attributeNames],
  );
  const search = () => {
    const built = buildScope(form);
    if (!built.ok) return setProblem(built.message);
    const clauses = buildClauses(drafts, { objectTypes: [], attributes: clauseAttributes });
    if (!clauses.ok) return setProblem(clauses.problems.join('; '));
    setProblem(null);
    setSubmitted({ scope: built.scope, clauses: clauses.clauses });
  };
  const toggle = <T,>(list: readonly T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const open = (r: CsObjectRow) => nav.open({ kind: 'cs', connector, id: r.id });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xl" aria-labelledby="cs-search-title">
      <DialogTitle id="cs-search-title">Search Connector Space: {connector}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1, height: '80vh' }}>
        <Box component="form" role="search" aria-label="Connector space search" onSubmit={(e) => { e.preventDefault(); search(); }} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', pt: 1 }}>
          <FormControl size="small" sx={{ minWidth: 200 }}>
            <InputLabel id="cs-scope-label">Scope</InputLabel>
            <Select labelId="cs-scope-label" label="Scope" value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value as ScopeForm['scope'] })}>
              {SCOPES.map((s) => (
                <MenuItem key={s.scope} value={s.scope}>
                  {s.label}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          {def.needs === 'text' ? (
            <TextField label={def.textLabel} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} sx={{ minWidth: 360, flex: 1 }} autoFocus />
          ) : null}
          {def.needs === 'ops' ? (
            <FormGroup row aria-label={`${def.label} modification types`}>
              {OPS.map(([op, label]) => (
                <FormControlLabel key={op} label={label} control={<Checkbox size="small" checked={form.ops.includes(op)} onChange={() => setForm({ ...form, ops: toggle(form.ops, op) })} />} />
              ))}
            </FormGroup>
          ) : null}
          {def.needs === 'kinds' ? (
            <FormGroup row aria-label="Disconnector kinds">
              {KINDS.map(([k, label]) => (
                <FormControlLabel key={k} label={label} control={<Checkbox size="small" checked={form.kinds.includes(k)} onChange={() => setForm({ ...form, kinds: toggle(form.kinds, k) })} />} />
              ))}
            </FormGroup>
          ) : null}
          <Button type="submit" variant="contained">
            Search
          </Button>
          <Button onClick={() => { setForm(DEFAULT_FORM); setDrafts([]); setSubmitted(null); setProblem(null); }}>Clear</Button>
        </Box>
        <ClauseBuilder attributes={clauseAttributes} clauses={drafts} onChange={setDrafts} />
        {problem ? <Alert severity="warning" role="alert">{problem}</Alert> : null}
        <Box sx={{ flex: 1, minHeight: 0 }}>
          {submitted ? (
            <PagedTable<CsObjectRow>
              label="Connector space objects"
              what="Searching the connector space"
              queryKey={['cs.search', connector, submitted, attributeNames]}
              fetchPage={(cursor, limit) => getApi().call('cs.search', { connector, search: submitted.scope, clauses: submitted.clauses, columns: attributeNames, cursor, limit })}
              exportSource={{ grid: 'cs.search', connector, search: submitted.scope, clauses: submitted.clauses }}
              columns={columns}
              getRowId={(r) => r.id}
              onSelect={setSelected}
              onOpen={open}
              actions={
                <>
                  <ColumnChooser choices={choices} visible={visible} onChange={setVisible} fieldOfAttribute={(n) => `${ATTR}${n}`} />
                  <Button disabled={!selected} onClick={() => selected && open(selected)}>
                    Properties
                  </Button>
                </>
              }
            />
          ) : (
            <Alert severity="info">Choose a scope and press Search. Results are paged from the engine, so large connector spaces stay fast.</Alert>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
