// Editor page 1, Description: name, description, connected system and its object type, metaverse object type,
// link type, precedence, tag, password sync, disabled.
import { Box, Checkbox, FormControl, FormControlLabel, FormHelperText, InputLabel, MenuItem, Select, TextField } from '@mui/material';
import type { RuleProblem } from '../../../shared/model/rules-editor.ts';
import { LinkType } from '../../../shared/model/sync-rules.ts';
import { problemsAt, type RuleDraft } from './rule-draft.ts';
import type { RuleSchemas } from './rule-schemas.ts';
import { AttributeField } from './AttributeField.tsx';

export interface PageProps {
  draft: RuleDraft;
  update: (patch: Partial<RuleDraft>) => void;
  problems: readonly RuleProblem[];
  readOnly: boolean;
  /** New rules may change direction; saved ones keep it (as in Entra Connect). */
  isNew: boolean;
  schemas: RuleSchemas;
}

/** The Description page. */
export function DescriptionPage({ draft, update, problems, readOnly, isNew, schemas }: PageProps) {
  const at = (path: string) => problemsAt(problems, path);
  const inbound = draft.direction === 'Inbound';
  const csField = inbound ? 'sourceObjectType' : 'targetObjectType';
  const mvField = inbound ? 'targetObjectType' : 'sourceObjectType';
  const mvOptions = inbound ? [...schemas.mvTypes, '*'] : schemas.mvTypes;
  const select = (id: string, label: string, value: string, options: readonly { value: string; label: string }[], onChange: (v: string) => void, error?: string, disabled?: boolean) => (
    <FormControl size="small" sx={{ minWidth: 240 }} error={Boolean(error)} disabled={readOnly || disabled}>
      <InputLabel id={id}>{label}</InputLabel>
      <Select labelId={id} label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => <MenuItem key={o.value} value={o.value}>{o.label}</MenuItem>)}
      </Select>
      {error ? <FormHelperText>{error}</FormHelperText> : null}
    </FormControl>
  );
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 760 }}>
      <TextField label="Name" value={draft.name} onChange={(e) => update({ name: e.target.value })} error={Boolean(at('name'))} helperText={at('name')} required disabled={readOnly} size="small" />
      <TextField label="Description" value={draft.description} onChange={(e) => update({ description: e.target.value })} multiline minRows={2} disabled={readOnly} size="small" />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        {select('rule-connector', 'Connected System', draft.connector.name, schemas.connectorNames.map((c) => ({ value: c.name, label: c.name })), (name) => {
          const c = schemas.connectorNames.find((x) => x.name === name);
          if (c) update({ connector: { id: c.id, name: c.name } });
        }, at('connector'))}
        {select('rule-direction', 'Direction', draft.direction, [{ value: 'Inbound', label: 'Inbound' }, { value: 'Outbound', label: 'Outbound' }], (d) => update({
          direction: d as RuleDraft['direction'], sourceObjectType: draft.targetObjectType === '*' ? '' : draft.targetObjectType, targetObjectType: draft.sourceObjectType,
        }), at('direction'), !isNew)}
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <AttributeField label="Connected System Object Type" value={draft[csField]} options={schemas.csTypes} onChange={(v) => update({ [csField]: v })} error={at(csField)} disabled={readOnly} width={260}
          helperText={schemas.csLoading ? 'Reading the connector schema…' : schemas.csView?.note ?? undefined} />
        {select('rule-mv-type', 'Metaverse Object Type', draft[mvField], mvOptions.map((t) => ({ value: t, label: t === '*' ? '* (any type)' : t })), (v) => update({ [mvField]: v }), at(mvField))}
        {select('rule-link-type', 'Link Type', draft.linkType, LinkType.options.map((l) => ({ value: l, label: l })), (v) => update({ linkType: v as RuleDraft['linkType'] }), at('linkType'))}
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField label="Precedence" value={draft.precedence} onChange={(e) => update({ precedence: e.target.value })} error={Boolean(at('precedence'))} disabled={readOnly} size="small"
          helperText={at('precedence') ?? 'Lower wins. 1–99 are for custom rules; the standard rules start at 100.'} sx={{ width: 260 }} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
        <TextField label="Tag" value={draft.immutableTag} onChange={(e) => update({ immutableTag: e.target.value })} disabled={readOnly} size="small" sx={{ width: 320 }}
          helperText={at('immutableTag') ?? (draft.immutableTag ? 'Standard rule: keep it unchanged, disable it and edit a clone' : 'Empty on custom rules')} error={Boolean(at('immutableTag'))} />
      </Box>
      <Box sx={{ display: 'flex', gap: 2 }}>
        <FormControlLabel control={<Checkbox checked={draft.enablePasswordSync} onChange={(e) => update({ enablePasswordSync: e.target.checked })} disabled={readOnly} />} label="Enable Password Sync" />
        <FormControlLabel control={<Checkbox checked={draft.disabled} onChange={(e) => update({ disabled: e.target.checked })} disabled={readOnly} />} label="Disabled" />
      </Box>
    </Box>
  );
}
