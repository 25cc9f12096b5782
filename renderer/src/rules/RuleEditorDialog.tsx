// The Synchronization Rules Editor: a stepper over Description, Scoping filter, Join rules and Transformations.
// Save validates the whole rule with the engine and puts every problem on its field; Preview shows the change on
// one object before anything is saved.
import { useEffect, useMemo, useState } from 'react';
import { Alert, AlertTitle, Badge, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Step, StepButton, Stepper } from '@mui/material';
import PreviewIcon from '@mui/icons-material/Preview';
import RuleIcon from '@mui/icons-material/Rule';
import { useQueryClient } from '@tanstack/react-query';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RuleProblem } from '../../../shared/model/rules-editor.ts';
import { getApi } from '../api/client.ts';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PAGES, problemsByPage, toRule, type PageId, type RuleDraft } from './rule-draft.ts';
import { useRuleSchemas } from './rule-schemas.ts';
import { DescriptionPage } from './DescriptionPage.tsx';
import { ScopingPage } from './ScopingPage.tsx';
import { JoinPage } from './JoinPage.tsx';
import { TransformationsPage } from './TransformationsPage.tsx';
import { RulePreviewDialog } from './RulePreviewDialog.tsx';
import { RuleTestDialog } from './RuleTestDialog.tsx';

/** Queries a rule change makes stale. */
export const RULE_QUERIES = ['rules.list', 'rules.get', 'rules.fullSyncRequired', 'connectors.list', 'schema.precedence', 'schema.get'] as const;

export interface RuleEditorProps {
  mode: 'new' | 'edit' | 'view';
  initial: RuleDraft;
  /** The standard rule this draft clones: it is disabled when the clone is saved. */
  disableOnSave?: SyncRule | null;
  onClose: () => void;
  onSaved: (rule: SyncRule, marked: readonly string[]) => void;
}

/** The editor dialog. */
export function RuleEditorDialog({ mode, initial, disableOnSave, onClose, onSaved }: RuleEditorProps) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [page, setPage] = useState<PageId>('description');
  const [showProblems, setShowProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [previewing, setPreviewing] = useState(false);
  const [testing, setTesting] = useState(false);
  const client = useQueryClient();
  const readOnly = mode === 'view';
  const schemas = useRuleSchemas(draft);
  const rule = useMemo(() => toRule(draft), [draft]);
  const [checked, setChecked] = useState(rule);
  useEffect(() => {
    const t = setTimeout(() => setChecked(rule), 400);
    return () => clearTimeout(t);
  }, [rule]);
  const validation = useApiQuery('rules.validate', { rule: checked }, { enabled: !readOnly, placeholderData: (prev) => prev });
  const [saveProblems, setSaveProblems] = useState<readonly RuleProblem[] | null>(null);
  // The live verdict counts only when it is about the draft as it is now.
  const live = validation.data && !validation.isPlaceholderData && checked === rule ? validation.data : null;
  const problems: readonly RuleProblem[] = showProblems ? (live?.problems ?? saveProblems ?? []) : [];
  const counts = problemsByPage(problems);
  const warnings = validation.data?.warnings ?? [];
  const update = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const index = PAGES.findIndex((p) => p.id === page);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const v = await getApi().call('rules.validate', { rule });
      setShowProblems(true);
      setSaveProblems(v.problems);
      if (v.problems.length) {
        const first = PAGES.find((p) => v.problems.some((x) => p.owns(x.path)));
        if (first) setPage(first.id);
        return;
      }
      const saved = await getApi().call('rules.save', rule);
      let marked = (await getApi().call('rules.fullSyncRequired', {})).map((m) => m.connector);
      if (disableOnSave && !disableOnSave.disabled) marked = [...new Set([...marked, ...(await getApi().call('rules.setDisabled', { id: disableOnSave.id, disabled: true })).fullSyncRequired])];
      for (const q of RULE_QUERIES) void client.invalidateQueries({ queryKey: [q] });
      onSaved(saved, marked);
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };

  const title = `${mode === 'new' ? 'Create' : mode === 'edit' ? 'Edit' : 'View'} ${draft.direction.toLowerCase()} synchronization rule${draft.name ? `: ${draft.name}` : ''}`;
  const props = { draft, update, problems, readOnly, isNew: mode === 'new', schemas };
  // Escape and clicks outside do not close the editor: they would lose the edits (Cancel does).
  return (
    <Dialog open fullWidth maxWidth="xl" aria-labelledby="rule-editor-title" slotProps={{ paper: { sx: { height: '92vh' } } }}>
      <DialogTitle id="rule-editor-title">{title}</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Stepper nonLinear activeStep={index} aria-label="Rule editor pages">
          {PAGES.map((p) => (
            <Step key={p.id} completed={false}>
              <StepButton onClick={() => setPage(p.id)} aria-current={p.id === page ? 'step' : undefined}>
                <Badge color="error" badgeContent={counts[p.id]} invisible={counts[p.id] === 0} aria-label={counts[p.id] ? `${p.label}, ${counts[p.id]} problem${counts[p.id] === 1 ? '' : 's'}` : undefined}>
                  {p.label}
                </Badge>
              </StepButton>
            </Step>
          ))}
        </Stepper>
        {disableOnSave ? (
          <Alert severity="info">This is a clone of the standard rule "{disableOnSave.name}". Saving it disables the original, which stays in place for upgrades.</Alert>
        ) : null}
        {warnings.map((w) => <Alert key={`${w.path}:${w.message}`} severity="warning">{w.message}</Alert>)}
        {showProblems && problems.length ? (
          <Alert severity="error" role="alert" aria-label="Rule problems">
            <AlertTitle>{problems.length} problem{problems.length === 1 ? '' : 's'}: the rule was not saved</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {problems.map((p) => <li key={`${p.path}:${p.message}`}>{p.path}: {p.message}</li>)}
            </Box>
          </Alert>
        ) : null}
        {saveError ? <ErrorAlert error={saveError} what="Saving the rule" /> : null}
        <Box component="section" aria-label={PAGES[index]!.label} sx={{ pt: 1 }}>
          {page === 'description' ? <DescriptionPage {...props} /> : null}
          {page === 'scoping' ? <ScopingPage {...props} /> : null}
          {page === 'join' ? <JoinPage {...props} /> : null}
          {page === 'transformations' ? <TransformationsPage {...props} /> : null}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button startIcon={<RuleIcon />} onClick={() => setTesting(true)} disabled={!draft.connector.name}>
          Test on an object
        </Button>
        <Button startIcon={<PreviewIcon />} onClick={() => setPreviewing(true)} sx={{ mr: 'auto' }} disabled={!draft.connector.name}>
          Preview change
        </Button>
        <Button disabled={index === 0} onClick={() => setPage(PAGES[index - 1]!.id)}>Back</Button>
        <Button disabled={index === PAGES.length - 1} onClick={() => setPage(PAGES[index + 1]!.id)}>Next</Button>
        <Button onClick={onClose}>{readOnly ? 'Close' : 'Cancel'}</Button>
        {readOnly ? null : (
          <Button variant="contained" onClick={() => void save()} disabled={saving}>
            Save
          </Button>
        )}
      </DialogActions>
      {previewing ? <RulePreviewDialog rule={rule} onClose={() => setPreviewing(false)} /> : null}
      {testing ? <RuleTestDialog rule={rule} onClose={() => setTesting(false)} /> : null}
    </Dialog>
  );
}
