// Synchronization Rules: every rule by precedence with filters and search, and the actions of the Synchronization
// Rules Editor (Add new rule, Edit, View, Disable/Enable, Delete, Clone, Export, Compare with original, Precedence).
import { useMemo, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControl, InputLabel, MenuItem, Select, TextField } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import VisibilityIcon from '@mui/icons-material/Visibility';
import BlockIcon from '@mui/icons-material/Block';
import DeleteIcon from '@mui/icons-material/Delete';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import LowPriorityIcon from '@mui/icons-material/LowPriority';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { getApi } from '../api/client.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { downloadText } from '../components/download.ts';
import { exportFileName } from '../components/csv.ts';
import { csObjectType, filterOptions, filterRules, mvObjectType, NO_FILTER, type RuleFilter } from './rule-filters.ts';
import { freeCustomPrecedences, firstFreePrecedence, fromRule, newRuleDraft, type RuleDraft } from './rule-draft.ts';
import { RULE_QUERIES, RuleEditorDialog } from './RuleEditorDialog.tsx';
import { CloneDialog, type CloneChoice } from './CloneDialog.tsx';
import { RuleDiffDialog } from './RuleDiffDialog.tsx';
import { PrecedenceDialog } from './PrecedenceDialog.tsx';
import { FullSyncNotice } from './FullSyncNotice.tsx';

const COLUMNS: TableColumn<SyncRule>[] = [
  { field: 'name', headerName: 'Name', flex: 1, minWidth: 260 },
  { field: 'connector', headerName: 'Connector', width: 180, text: (r) => r.connector.name },
  { field: 'precedence', headerName: 'Precedence', width: 100, type: 'number' },
  { field: 'csObjectType', headerName: 'Connected System Object Type', width: 150, text: csObjectType },
  { field: 'mvObjectType', headerName: 'Metaverse Object Type', width: 130, text: mvObjectType },
  { field: 'linkType', headerName: 'Link Type', width: 100 },
  { field: 'direction', headerName: 'Direction', width: 95 },
  { field: 'disabled', headerName: 'Disabled', width: 85, text: (r) => (r.disabled ? 'Yes' : '') },
  { field: 'immutableTag', headerName: 'Standard', width: 220, text: (r) => r.immutableTag ?? 'custom' },
];

type Editor = { mode: 'new' | 'edit' | 'view'; draft: RuleDraft; disableOnSave: SyncRule | null };
type Prompt = { purpose: 'clone' | 'standard'; rule: SyncRule } | { purpose: 'delete'; rule: SyncRule } | { purpose: 'diff'; rule: SyncRule; original: SyncRule } | { purpose: 'precedence' };

/** The rules view. */
export function RulesTab() {
  const list = useApiQuery('rules.list', {});
  const [filter, setFilter] = useState<RuleFilter>(NO_FILTER);
  const [selected, setSelected] = useState<SyncRule | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const toggle = useApiMutation('rules.setDisabled', [...RULE_QUERIES]);
  const remove = useApiMutation('rules.delete', [...RULE_QUERIES]);
  const clone = useApiMutation('rules.clone', [...RULE_QUERIES]);
  const rules = useMemo(() => list.data ?? [], [list.data]);
  const rows = useMemo(() => filterRules(rules, filter), [rules, filter]);
  const options = useMemo(() => filterOptions(rules), [rules]);
  // The selection follows the fresh list (a toggle or save changes the rule).
  const current = selected ? (rules.find((r) => r.id === selected.id) ?? null) : null;
  const original = current?.clonedFrom ? rules.find((r) => r.id === current.clonedFrom) : undefined;
  const set = (patch: Partial<RuleFilter>) => setFilter({ ...filter, ...patch });

  const openEditor = (rule: SyncRule, mode: 'edit' | 'view') => {
    if (mode === 'edit' && rule.immutableTag) setPrompt({ purpose: 'standard', rule });
    else setEditor({ mode, draft: fromRule(rule), disableOnSave: null });
  };
  const openById = async (id: string) => {
    const rule = rules.find((r) => r.id === id) ?? (await getApi().call('rules.get', { id }));
    setPrompt(null);
    openEditor(rule, 'edit');
  };
  const addNew = () => {
    const p = freeCustomPrecedences(rules)[0] ?? firstFreePrecedence(rules);
    const connector = filter.connector ? rules.find((r) => r.connector.name === filter.connector)?.connector ?? null : null;
    setEditor({ mode: 'new', draft: newRuleDraft(crypto.randomUUID(), p, connector), disableOnSave: null });
  };
  const onClone = (rule: SyncRule, purpose: 'clone' | 'standard', c: CloneChoice) => {
    setPrompt(null);
    if (purpose === 'standard') {
      // The clone is edited first; saving it disables the original (when asked).
      const { immutableTag: _tag, ...rest } = rule;
      const draft = fromRule({ ...rest, id: crypto.randomUUID(), name: c.name, precedence: c.precedence, precedenceBefore: undefined, disabled: false, clonedFrom: rule.id });
      setEditor({ mode: 'edit', draft, disableOnSave: c.disableOriginal ? rule : null });
      return;
    }
    clone.mutate({ id: rule.id, precedence: c.precedence, name: c.name, disableOriginal: c.disableOriginal }, {
      onSuccess: (r) => {
        setNote(`Cloned as "${r.clone.name}" at precedence ${r.clone.precedence}${marked(r.fullSyncRequired)}`);
        setSelected(r.clone);
      },
    });
  };
  const exportRules = async (ids: string[]) => {
    setActionError(null);
    try {
      const doc = await getApi().call('rules.export', { ids });
      downloadText(exportFileName(ids.length === 1 ? `rule-${ids[0]}` : 'sync-rules', 'json'), `${JSON.stringify(doc, null, 2)}\n`, 'application/json');
    } catch (err) {
      setActionError(err);
    }
  };
  const marked = (names: readonly string[]) => (names.length ? `. Full synchronization required on ${names.join(', ')}.` : '.');
  const mutationError = toggle.error ?? remove.error ?? clone.error ?? actionError;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1, minHeight: 0 }}>
      <FullSyncNotice />
      {list.isError ? <ErrorAlert error={list.error} what="Loading the sync rules" onRetry={() => void list.refetch()} /> : null}
      {mutationError ? <ErrorAlert error={mutationError} what="Changing the rule" /> : null}
      {note ? <Alert severity="success" onClose={() => setNote(null)}>{note}</Alert> : null}
      <Box component="form" role="search" aria-label="Rule filters" onSubmit={(e) => e.preventDefault()} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        {([
          ['direction', 'Direction', ['Inbound', 'Outbound']],
          ['connector', 'Connector', options.connectors],
          ['csObjectType', 'Connected System Object Type', options.csObjectTypes],
          ['mvObjectType', 'Metaverse Object Type', options.mvObjectTypes],
          ['linkType', 'Link Type', ['Join', 'StickyJoin', 'Provision']],
          ['kind', 'Standard or custom', ['standard', 'custom']],
        ] as const).map(([key, label, values]) => (
          <FormControl key={key} size="small" sx={{ minWidth: label.length > 14 ? 250 : 150 }}>
            <InputLabel id={`rules-filter-${key}`}>{label}</InputLabel>
            <Select labelId={`rules-filter-${key}`} label={label} value={filter[key]} onChange={(e) => set({ [key]: e.target.value } as Partial<RuleFilter>)}>
              <MenuItem value="">(all)</MenuItem>
              {values.map((v) => <MenuItem key={v} value={v}>{v}</MenuItem>)}
            </Select>
          </FormControl>
        ))}
        <TextField size="small" label="Search rules" value={filter.text} onChange={(e) => set({ text: e.target.value })} sx={{ minWidth: 220 }} />
        {filter !== NO_FILTER ? <Button onClick={() => setFilter(NO_FILTER)}>Clear filters</Button> : null}
      </Box>
      <Box sx={{ flex: 1, minHeight: 240 }}>
        {list.data && rules.length === 0 ? (
          <EmptyState title="No sync rules yet">
            Add a rule here, import a rules document with `idsync rules import`, or create the standard rules with the configuration wizard or `idsync setup`.
            <Box sx={{ mt: 2 }}><Button variant="contained" startIcon={<AddIcon />} onClick={addNew}>Add new rule</Button></Box>
          </EmptyState>
        ) : (
          <DataTable
            label="Synchronization rules"
            rows={rows}
            columns={COLUMNS}
            getRowId={(r) => r.id}
            loading={list.isPending}
            onSelect={setSelected}
            onOpen={(r) => openEditor(r, 'edit')}
            actions={
              <Box role="toolbar" aria-label="Rule actions" sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                <Button startIcon={<AddIcon />} onClick={addNew}>Add new rule</Button>
                <Button startIcon={<EditIcon />} disabled={!current} onClick={() => current && openEditor(current, 'edit')}>Edit</Button>
                <Button startIcon={<VisibilityIcon />} disabled={!current} onClick={() => current && openEditor(current, 'view')}>View</Button>
                <Button startIcon={<BlockIcon />} disabled={!current || toggle.isPending}
                  onClick={() => current && toggle.mutate({ id: current.id, disabled: !current.disabled }, { onSuccess: (r) => setNote(`"${r.rule.name}" ${r.rule.disabled ? 'disabled' : 'enabled'}${marked(r.fullSyncRequired)}`) })}>
                  {current?.disabled ? 'Enable' : 'Disable'}
                </Button>
                <Button startIcon={<ContentCopyIcon />} disabled={!current} onClick={() => current && setPrompt({ purpose: 'clone', rule: current })}>Clone</Button>
                <Button startIcon={<CompareArrowsIcon />} disabled={!current || !original} onClick={() => current && original && setPrompt({ purpose: 'diff', rule: current, original })}>Compare with original</Button>
                <Button startIcon={<DeleteIcon />} color="error" disabled={!current} onClick={() => current && setPrompt({ purpose: 'delete', rule: current })}>Delete</Button>
                <Button startIcon={<FileDownloadIcon />} disabled={!rules.length} onClick={() => void exportRules(current ? [current.id] : rows.map((r) => r.id))}>
                  {current ? 'Export rule' : 'Export rules'}
                </Button>
                <Button startIcon={<LowPriorityIcon />} onClick={() => setPrompt({ purpose: 'precedence' })}>Precedence</Button>
              </Box>
            }
          />
        )}
      </Box>
      {editor ? (
        <RuleEditorDialog
          mode={editor.mode}
          initial={editor.draft}
          disableOnSave={editor.disableOnSave}
          onClose={() => setEditor(null)}
          onSaved={(rule, names) => {
            setEditor(null);
            setSelected(rule);
            setNote(`Saved "${rule.name}"${marked(names)}`);
          }}
        />
      ) : null}
      {prompt?.purpose === 'clone' || prompt?.purpose === 'standard' ? (
        <CloneDialog
          rule={prompt.rule}
          rules={rules}
          purpose={prompt.purpose}
          busy={clone.isPending}
          onClone={(c) => onClone(prompt.rule, prompt.purpose as 'clone' | 'standard', c)}
          onEditOriginal={prompt.purpose === 'standard' ? () => { setPrompt(null); setEditor({ mode: 'edit', draft: fromRule(prompt.rule), disableOnSave: null }); } : undefined}
          onClose={() => setPrompt(null)}
        />
      ) : null}
      {prompt?.purpose === 'diff' ? <RuleDiffDialog original={prompt.original} rule={prompt.rule} onClose={() => setPrompt(null)} /> : null}
      {prompt?.purpose === 'precedence' ? <PrecedenceDialog onEdit={(id) => void openById(id)} onClose={() => setPrompt(null)} /> : null}
      {prompt?.purpose === 'delete' ? (
        <Dialog open onClose={() => setPrompt(null)} aria-labelledby="delete-rule-title">
          <DialogTitle id="delete-rule-title">Delete "{prompt.rule.name}"?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              {prompt.rule.immutableTag
                ? 'This is a standard rule: a deleted standard rule comes back when the standard rules are regenerated. Disable it instead unless you mean to delete it.'
                : 'The rule is deleted; the objects it scoped are re-evaluated by the next full synchronization of its connectors.'}
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setPrompt(null)}>Cancel</Button>
            <Button color="error" variant="contained" disabled={remove.isPending}
              onClick={() => remove.mutate({ id: prompt.rule.id }, { onSettled: () => setPrompt(null), onSuccess: (r) => { setSelected(null); setNote(`Deleted "${r.rule.name}"${marked(r.fullSyncRequired)}`); } })}>
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Box>
  );
}
