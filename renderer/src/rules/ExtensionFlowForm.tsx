// "Add a flow" of the Directory extensions dialog: an on-premises attribute (picked from the source connector's
// schema) synchronized to a new directory extension — or the extension registered alone.
import { useState } from 'react';
import { Box, Button, Checkbox, FormControl, FormControlLabel, InputLabel, MenuItem, Select, TextField, Typography } from '@mui/material';
import { ExtensionDataType } from '../../../shared/api/entra-extensions.ts';
import type { MethodName } from '../../../shared/api.ts';
import type { ConnectorSummary } from '../../../shared/model/connectors.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { AttributeField } from './AttributeField.tsx';
import { CommandLine } from './CommandLine.tsx';
import { extensionCommands, type FlowForm } from './extension-commands.ts';
import { RULE_QUERIES } from './RuleEditorDialog.tsx';

export const EXTENSION_CHANGES: readonly MethodName[] = ['entra.extensions.list', 'connectors.schema', 'connectors.get', 'schema.get', ...RULE_QUERIES];

export interface ExtensionFlowFormProps {
  /** The Entra connector; `cliConnector` is what the command line names (empty for the only one). */
  connector: string;
  cliConnector: string;
  /** On-premises connectors the attribute may come from. */
  sources: readonly ConnectorSummary[];
  /** `extension_<appId>_`, once the extension application is read; nothing can be added before. */
  prefix: string | undefined;
  onDone: (note: string) => void;
}

/** The form; the extension's full name is previewed under the attribute. */
export function ExtensionFlowForm({ connector, cliConnector, sources, prefix, onDone }: ExtensionFlowFormProps) {
  const [form, setForm] = useState<FlowForm>({ source: '', attribute: '', objectType: 'user', dataType: 'String', multiValued: false, mvAttribute: '' });
  const set = (patch: Partial<FlowForm>) => setForm({ ...form, ...patch });
  const source = form.source || (sources.length === 1 ? sources[0]!.name : '');
  const filled = { ...form, source, attribute: form.attribute.trim(), mvAttribute: form.mvAttribute?.trim() ?? '' };
  const schema = useApiQuery('connectors.schema', { connector: source, discover: true }, { enabled: Boolean(source), staleTime: 5 * 60_000 });
  const options = (schema.data?.objectTypes.find((t) => t.name.toLowerCase() === form.objectType)?.attributes ?? []).map((a) => a.name).sort((a, b) => a.localeCompare(b));
  const addFlow = useApiMutation('entra.extensions.addFlow', EXTENSION_CHANGES);
  const register = useApiMutation('entra.extensions.add', EXTENSION_CHANGES);
  const busy = addFlow.isPending || register.isPending;
  const ready = Boolean(connector && prefix && filled.attribute) && !busy;
  const failure = addFlow.error ?? register.error;
  const commands = extensionCommands(cliConnector);
  const reset = () => { addFlow.reset(); register.reset(); };

  return (
    <Box component="section" aria-label="Add a flow" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="subtitle2" component="h3">Add a flow</Typography>
      <Typography variant="body2" color="text.secondary">
        Synchronizes an on-premises attribute to a new directory extension: registers the extension, adds the metaverse attribute, makes the source
        connector import the attribute and adds the rules "In from AD - User DirectoryExtension" and "Out to AAD - User DirectoryExtension" (Group for groups).
        The next sync cycle writes the values.
      </Typography>
      {failure ? <ErrorAlert error={failure} what={addFlow.error ? 'Adding the flow' : 'Registering the extension'} /> : null}
      <Box component="form" aria-label="Attribute to synchronize" onSubmit={(e) => e.preventDefault()} sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id="extensions-source">Source connector</InputLabel>
          <Select labelId="extensions-source" label="Source connector" value={source} onChange={(e) => { reset(); set({ source: e.target.value }); }}>
            {sources.map((c) => <MenuItem key={c.id} value={c.name}>{c.name}</MenuItem>)}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 120 }}>
          <InputLabel id="extensions-object-type">Object type</InputLabel>
          <Select labelId="extensions-object-type" label="Object type" value={form.objectType} onChange={(e) => set({ objectType: e.target.value as FlowForm['objectType'] })}>
            <MenuItem value="user">User</MenuItem>
            <MenuItem value="group">Group</MenuItem>
          </Select>
        </FormControl>
        <AttributeField label="Source attribute" value={form.attribute} options={options} width={260} onChange={(v) => { reset(); set({ attribute: v }); }}
          helperText={schema.isError ? `The schema of ${source} could not be read: type the attribute` : prefix && filled.attribute ? `${prefix}${filled.attribute.replace(/-/g, '_')}` : undefined} />
        <FormControl size="small" sx={{ minWidth: 140 }}>
          <InputLabel id="extensions-data-type">Data type</InputLabel>
          <Select labelId="extensions-data-type" label="Data type" value={form.dataType} onChange={(e) => set({ dataType: e.target.value as FlowForm['dataType'] })}>
            {ExtensionDataType.options.map((t) => <MenuItem key={t} value={t}>{t}</MenuItem>)}
          </Select>
        </FormControl>
        <TextField size="small" label="Metaverse attribute" value={form.mvAttribute} sx={{ width: 200 }} onChange={(e) => { reset(); set({ mvAttribute: e.target.value }); }}
          helperText="Optional; default: the extension's name" />
        <FormControlLabel control={<Checkbox checked={form.multiValued} onChange={(e) => set({ multiValued: e.target.checked })} />} label="Multi-valued" />
        <Button variant="contained" disabled={!ready || !source}
          onClick={() => addFlow.mutate({ connector, source, attribute: filled.attribute, objectType: form.objectType, dataType: form.dataType, multiValued: form.multiValued, ...(filled.mvAttribute ? { mvAttribute: filled.mvAttribute } : {}) }, {
            onSuccess: (r) => onDone(`${source} ${filled.attribute} now flows to ${r.extension.name}${r.registered ? ' (registered now)' : ''} through ${r.rules.map((x) => `"${x.name}"`).join(' and ')}`
              + `${r.attributeSelected ? `; ${source} imports it from its next (full) import` : ''}. Run a sync cycle to synchronize the values.`),
          })}>
          Add flow
        </Button>
        <Button disabled={!ready}
          onClick={() => register.mutate({ connector, name: filled.attribute, dataType: form.dataType, multiValued: form.multiValued, targets: [form.objectType === 'user' ? 'User' : 'Group'] }, {
            onSuccess: (r) => onDone(`Registered ${r.extension.name}; it is offered as a target attribute of outbound rules to ${r.connector}.`),
          })}>
          Register without a flow
        </Button>
      </Box>
      <CommandLine command={commands.addFlow(filled)} />
      <CommandLine label="Without a flow" command={commands.register(filled)} />
    </Box>
  );
}
