// Editor page 2, Scoping filter: groups ORed, clauses in a group ANDed, every operator of the spec (§3.2).
import { Box, Button, FormControl, IconButton, InputLabel, MenuItem, Paper, Select, TextField, Tooltip, Typography, FormHelperText } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { ScopingOperator } from '../../../shared/model/sync-rules.ts';
import { newKey, newScopingClause, problemsAt, type RuleDraft } from './rule-draft.ts';
import type { PageProps } from './DescriptionPage.tsx';
import { AttributeField } from './AttributeField.tsx';
import { rowLabel } from './VisuallyHidden.tsx';

/** Operators that compare with no value. */
const VALUELESS = new Set(['ISNULL', 'ISNOTNULL']);
/** The spellings older exports use are accepted but not offered. */
const OFFERED = ScopingOperator.options.filter((o) => o !== 'NOTSTARTWITH' && o !== 'ISBITNOTSET');

/** The Scoping filter page. */
export function ScopingPage({ draft, update, problems, readOnly, schemas }: PageProps) {
  const groups = draft.scopingFilter;
  const setGroups = (g: RuleDraft['scopingFilter']) => update({ scopingFilter: g });
  const setClause = (gi: number, ci: number, patch: Partial<RuleDraft['scopingFilter'][number]['clauses'][number]>) =>
    setGroups(groups.map((g, i) => (i !== gi ? g : { ...g, clauses: g.clauses.map((c, j) => (j === ci ? { ...c, ...patch } : c)) })));
  const side = draft.direction === 'Inbound' ? 'connector space' : 'metaverse';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2" color="text.secondary">
        Which {side} objects of type "{draft.sourceObjectType || '…'}" the rule applies to. Clauses in a group must all hold; any group may hold. No group: every object.
      </Typography>
      {groups.map((g, gi) => (
        <Paper key={g.key} variant="outlined" sx={{ p: 1 }} component="section" aria-label={`Scoping group ${gi + 1}`}>
          <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle2" sx={{ flex: 1 }}>{gi ? 'Or group' : 'Group'} {gi + 1}</Typography>
            {readOnly ? null : <Button size="small" color="error" startIcon={<DeleteIcon />} onClick={() => setGroups(groups.filter((_, i) => i !== gi))}>Remove group {gi + 1}</Button>}
          </Box>
          {problemsAt(problems, `scopingFilter[${gi}]`) ? <FormHelperText error>{problemsAt(problems, `scopingFilter[${gi}]`)}</FormHelperText> : null}
          {g.clauses.map((c, ci) => {
            const name = `Group ${gi + 1} clause ${ci + 1}`;
            const at = (f: string) => problemsAt(problems, `scopingFilter[${gi}][${ci}].${f}`);
            return (
              <Box key={c.key} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 1, flexWrap: 'wrap' }}>
                <Typography variant="body2" sx={{ width: 40, pt: 1 }}>{ci ? 'and' : 'where'}</Typography>
                <AttributeField prefix={name} label="Attribute" value={c.attribute} options={schemas.sourceAttributes} onChange={(v) => setClause(gi, ci, { attribute: v })} error={at('attribute')} disabled={readOnly} width={240} />
                <FormControl size="small" sx={{ minWidth: 220 }} disabled={readOnly}>
                  <InputLabel id={`scope-${c.key}-op`}>{rowLabel(name, 'Operator')}</InputLabel>
                  <Select labelId={`scope-${c.key}-op`} label="Operator" value={c.operator} onChange={(e) => setClause(gi, ci, { operator: e.target.value as typeof c.operator })}>
                    {OFFERED.map((o) => <MenuItem key={o} value={o}>{o}</MenuItem>)}
                  </Select>
                </FormControl>
                <TextField label={rowLabel(name, 'Value')} size="small" value={VALUELESS.has(c.operator) ? '' : c.value} disabled={readOnly || VALUELESS.has(c.operator)}
                  onChange={(e) => setClause(gi, ci, { value: e.target.value })} error={Boolean(at('value'))} helperText={at('value')} sx={{ flex: 1, minWidth: 180 }} />
                {readOnly ? null : (
                  <Tooltip title="Remove clause">
                    <IconButton aria-label={`Remove ${name}`} onClick={() => setGroups(groups.map((x, i) => (i !== gi ? x : { ...x, clauses: x.clauses.filter((_, j) => j !== ci) })))}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
              </Box>
            );
          })}
          {readOnly ? null : (
            <Button size="small" startIcon={<AddIcon />} onClick={() => setGroups(groups.map((x, i) => (i !== gi ? x : { ...x, clauses: [...x.clauses, newScopingClause()] })))}>
              Add clause to group {gi + 1}
            </Button>
          )}
        </Paper>
      ))}
      {readOnly ? null : (
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => setGroups([...groups, { key: newKey(), clauses: [newScopingClause()] }])}>Add scoping group</Button>
        </Box>
      )}
    </Box>
  );
}
