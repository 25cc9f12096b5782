// Editor page 4, Transformations: flow type (Direct, Constant, Expression), target attribute, source, apply once,
// merge type (§3.4). Expressions get the code editor with completion, inline problems and "Try it".
import { Box, Button, Checkbox, FormControl, FormControlLabel, InputLabel, MenuItem, Paper, Select, TextField, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { FlowType, MergeType } from '../../../shared/model/sync-rules.ts';
import type { ExpressionSource } from '../../../shared/model/rules-editor.ts';
import { newFlow, problemsAt, type RuleDraft } from './rule-draft.ts';
import type { PageProps } from './DescriptionPage.tsx';
import { AttributeField } from './AttributeField.tsx';
import { ExpressionEditor } from './ExpressionEditor.tsx';
import { rowLabel } from './VisuallyHidden.tsx';

type Flow = RuleDraft['attributeFlows'][number];

/** The Transformations page. */
export function TransformationsPage({ draft, update, problems, readOnly, schemas }: PageProps) {
  const flows = draft.attributeFlows;
  const setFlow = (i: number, patch: Partial<Flow>) => update({ attributeFlows: flows.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  const inbound = draft.direction === 'Inbound';
  const source: ExpressionSource = inbound
    ? { kind: 'cs', connector: draft.connector.name, objectType: draft.sourceObjectType || undefined }
    : { kind: 'mv', objectType: draft.sourceObjectType || undefined, connector: draft.connector.name || undefined };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2" color="text.secondary">
        What the rule writes to the {inbound ? 'metaverse' : 'connected system'}. When several rules flow to one attribute, the lowest precedence number wins.
      </Typography>
      {flows.map((f, i) => {
        const name = `Transformation ${i + 1}`;
        const at = (field: string) => problemsAt(problems, `attributeFlows[${i}].${field}`) ?? (field === 'expression' || field === 'sources[0]' ? problemsAt(problems, `attributeFlows[${i}]`) : undefined);
        return (
          <Paper key={f.key} variant="outlined" sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1 }} component="section" aria-label={name}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
              <Typography variant="subtitle2" sx={{ width: 120, pt: 1 }}>{name}</Typography>
              <FormControl size="small" sx={{ minWidth: 150 }} disabled={readOnly}>
                <InputLabel id={`flow-${f.key}-type`}>{rowLabel(name, 'Flow type')}</InputLabel>
                <Select labelId={`flow-${f.key}-type`} label="Flow type" value={f.flowType} onChange={(e) => setFlow(i, { flowType: e.target.value as Flow['flowType'] })}>
                  {FlowType.options.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
                </Select>
              </FormControl>
              <AttributeField prefix={name} label="Target attribute" value={f.destination} options={schemas.targetAttributes} onChange={(v) => setFlow(i, { destination: v })} error={at('destination')} disabled={readOnly} width={240} />
              <FormControl size="small" sx={{ minWidth: 190 }} disabled={readOnly}>
                <InputLabel id={`flow-${f.key}-merge`}>{rowLabel(name, 'Merge type')}</InputLabel>
                <Select labelId={`flow-${f.key}-merge`} label="Merge type" value={f.mergeType} onChange={(e) => setFlow(i, { mergeType: e.target.value as Flow['mergeType'] })}>
                  {MergeType.options.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
                </Select>
              </FormControl>
              <FormControlLabel control={<Checkbox checked={f.executeOnce} onChange={(e) => setFlow(i, { executeOnce: e.target.checked })} disabled={readOnly} slotProps={{ input: { 'aria-label': `${name} apply once` } }} />} label="Apply once" />
              {readOnly ? null : (
                <Button color="error" size="small" startIcon={<DeleteIcon />} onClick={() => update({ attributeFlows: flows.filter((_, j) => j !== i) })}>
                  Remove {name.toLowerCase()}
                </Button>
              )}
            </Box>
            {f.flowType === 'Direct' ? (
              <AttributeField prefix={name} label="Source" value={f.sources[0] ?? ''} options={schemas.sourceAttributes} onChange={(v) => setFlow(i, { sources: v ? [v] : [] })} error={at('sources[0]')} disabled={readOnly} width={360} />
            ) : null}
            {f.flowType === 'Constant' ? (
              <TextField label={rowLabel(name, 'Constant')} size="small" value={f.expression ?? ''} onChange={(e) => setFlow(i, { expression: e.target.value })} error={Boolean(at('expression'))} helperText={at('expression')} disabled={readOnly} sx={{ maxWidth: 360 }} />
            ) : null}
            {f.flowType === 'Expression' ? (
              <ExpressionEditor
                label={`${name} expression`}
                value={f.expression ?? ''}
                onChange={(v) => setFlow(i, { expression: v })}
                source={draft.connector.name || !inbound ? source : undefined}
                attributes={schemas.sourceAttributes}
                error={at('expression')}
                readOnly={readOnly}
                trial={{ kind: inbound ? 'cs' : 'mv', connector: draft.connector.name, ref: '' }}
                mvObjectType={inbound ? draft.targetObjectType : draft.sourceObjectType}
                idPrefix={`trial-${f.key}`}
              />
            ) : null}
          </Paper>
        );
      })}
      {readOnly ? null : (
        <Box>
          <Button startIcon={<AddIcon />} onClick={() => update({ attributeFlows: [...flows, newFlow()] })}>Add transformation</Button>
        </Box>
      )}
    </Box>
  );
}
