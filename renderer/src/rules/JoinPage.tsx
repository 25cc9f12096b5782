// Editor page 3, Join rules: groups tried top to bottom, the first that finds exactly one object joins (§3.3).
import { Box, Button, Checkbox, FormControlLabel, FormHelperText, IconButton, Paper, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { newJoinClause, newKey, problemsAt, type RuleDraft } from './rule-draft.ts';
import type { PageProps } from './DescriptionPage.tsx';
import { AttributeField } from './AttributeField.tsx';
import { rowLabel } from './VisuallyHidden.tsx';

/** The Join rules page. */
export function JoinPage({ draft, update, problems, readOnly, schemas }: PageProps) {
  const groups = draft.joinRules;
  const setGroups = (g: RuleDraft['joinRules']) => update({ joinRules: g });
  const setClause = (gi: number, ci: number, patch: Partial<RuleDraft['joinRules'][number]['clauses'][number]>) =>
    setGroups(groups.map((g, i) => (i !== gi ? g : { ...g, clauses: g.clauses.map((c, j) => (j === ci ? { ...c, ...patch } : c)) })));
  const inbound = draft.direction === 'Inbound';
  // The source side is the connector space inbound and the metaverse outbound; the stored fields stay cs/mv.
  const sourceField = inbound ? 'csAttribute' : 'mvAttribute';
  const targetField = inbound ? 'mvAttribute' : 'csAttribute';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2" color="text.secondary">
        Groups are tried top to bottom; the first that matches exactly one {inbound ? 'metaverse' : 'connector space'} object joins it. Only one rule with join rules may be in scope for an object.
        {draft.linkType === 'Provision' ? ' When no group matches, the rule provisions a new object.' : ''}
      </Typography>
      {groups.map((g, gi) => (
        <Paper key={g.key} variant="outlined" sx={{ p: 1 }} component="section" aria-label={`Join group ${gi + 1}`}>
          <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle2" sx={{ flex: 1 }}>Join group {gi + 1}</Typography>
            {readOnly ? null : <Button size="small" color="error" startIcon={<DeleteIcon />} onClick={() => setGroups(groups.filter((_, i) => i !== gi))}>Remove join group {gi + 1}</Button>}
          </Box>
          {problemsAt(problems, `joinRules[${gi}]`) ? <FormHelperText error>{problemsAt(problems, `joinRules[${gi}]`)}</FormHelperText> : null}
          {g.clauses.map((c, ci) => {
            const name = `Join group ${gi + 1} clause ${ci + 1}`;
            const at = (f: string) => problemsAt(problems, `joinRules[${gi}][${ci}].${f}`);
            return (
              <Box key={c.key} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 1, flexWrap: 'wrap' }}>
                <AttributeField prefix={name} label="Source attribute" value={c[sourceField]} options={schemas.sourceAttributes} onChange={(v) => setClause(gi, ci, { [sourceField]: v })} error={at(sourceField)} disabled={readOnly} width={260} />
                <Typography variant="body2" sx={{ pt: 1 }}>=</Typography>
                <AttributeField prefix={name} label="Target attribute" value={c[targetField]} options={inbound ? schemas.mvAttributes(draft.targetObjectType) : schemas.csAttributes(draft.targetObjectType)} onChange={(v) => setClause(gi, ci, { [targetField]: v })} error={at(targetField)} disabled={readOnly} width={260} />
                <FormControlLabel control={<Checkbox checked={c.caseSensitive} onChange={(e) => setClause(gi, ci, { caseSensitive: e.target.checked })} disabled={readOnly} />} label={rowLabel(name, 'Case sensitive')} />
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
            <Button size="small" startIcon={<AddIcon />} onClick={() => setGroups(groups.map((x, i) => (i !== gi ? x : { ...x, clauses: [...x.clauses, newJoinClause()] })))}>
              Add clause to join group {gi + 1}
            </Button>
          )}
        </Paper>
      ))}
      {readOnly ? null : (
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => setGroups([...groups, { key: newKey(), clauses: [newJoinClause()] }])}>Add join group</Button>
        </Box>
      )}
    </Box>
  );
}
