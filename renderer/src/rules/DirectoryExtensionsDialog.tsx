// Directory extensions (Entra Connect's wizard page of that name): the Entra connector's extension application, the
// extensions registered on it, and an on-premises attribute synchronized to a new one (ExtensionFlowForm).
import { useState } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, InputLabel, MenuItem, Select, TextField, Typography,
} from '@mui/material';
import type { DirectoryExtension } from '../../../shared/api/entra-extensions.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { describeError } from '../components/error-text.ts';
import type { TableColumn } from '../components/table-columns.ts';
import { CommandLine } from './CommandLine.tsx';
import { extensionCommands } from './extension-commands.ts';
import { EXTENSION_CHANGES, ExtensionFlowForm } from './ExtensionFlowForm.tsx';

const COLUMNS: TableColumn<DirectoryExtension>[] = [
  { field: 'name', headerName: 'Name', flex: 1, minWidth: 320 },
  { field: 'dataType', headerName: 'Type', width: 110 },
  { field: 'isMultiValued', headerName: 'Multi-valued', width: 110, text: (d) => (d.isMultiValued ? 'Yes' : 'No') },
  { field: 'targetObjects', headerName: 'Object types', width: 140, text: (d) => d.targetObjects.join(', ') },
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The dialog; what was done is reported inside it, the lists refresh behind it. */
export function DirectoryExtensionsDialog({ onClose }: { onClose: () => void }) {
  const connectors = useApiQuery('connectors.list', {});
  const entra = (connectors.data ?? []).filter((c) => c.type === 'entra');
  const sources = (connectors.data ?? []).filter((c) => c.type !== 'entra');
  const [chosen, setChosen] = useState('');
  const connector = chosen || (entra.length === 1 ? entra[0]!.name : '');
  const detail = useApiQuery('connectors.get', { connector }, { enabled: Boolean(connector) });
  const hasApp = Boolean(detail.data?.config.extensionApp);
  const list = useApiQuery('entra.extensions.list', { connector }, { enabled: hasApp, retry: false });
  const setApp = useApiMutation('entra.extensions.setApp', EXTENSION_CHANGES);
  const remove = useApiMutation('entra.extensions.remove', EXTENSION_CHANGES);
  const [appId, setAppId] = useState('');
  const [createMissing, setCreateMissing] = useState(false);
  const [selected, setSelected] = useState<DirectoryExtension | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const commands = extensionCommands(entra.length > 1 ? connector : '');
  const typed = appId.trim();
  const appError = typed && !GUID.test(typed) ? 'An Application (client) ID is a GUID, e.g. 3f2b…-…' : setApp.error ? describeError(setApp.error).message : undefined;
  const done = (text: string) => { setNote(text); setSelected(null); };

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="extensions-title">
      <DialogTitle id="extensions-title">Directory extensions</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography variant="body2">
          On-premises attributes synchronized to Entra ID as directory extensions (extension_&lt;appId&gt;_&lt;name&gt;), registered on an application of
          the tenant (Entra Connect uses its "Tenant Schema Extension App"). The IdSync app needs Application.ReadWrite.OwnedBy as an owner of that
          application, or Application.ReadWrite.All. Every action here has its command line, shown under it: <code>{commands.list}</code> lists them.
        </Typography>
        {note ? <Alert severity="success" role="status" closeText="Dismiss" onClose={() => setNote(null)}>{note}</Alert> : null}
        <FormControl size="small" sx={{ width: 360 }}>
          <InputLabel id="extensions-connector">Entra ID connector</InputLabel>
          <Select labelId="extensions-connector" label="Entra ID connector" value={connector} onChange={(e) => { setChosen(e.target.value); setNote(null); setSelected(null); }}>
            {entra.map((c) => <MenuItem key={c.id} value={c.name}>{c.name}</MenuItem>)}
          </Select>
        </FormControl>
        {connectors.data && entra.length === 0 ? <Alert severity="info">There is no Entra ID connector: run the configuration wizard or idsync setup first.</Alert> : null}
        {detail.data && !hasApp ? (
          <Alert severity="info">{connector} has no extension application yet: enter the Application (client) ID of the app registration that holds (or will hold) the extensions.</Alert>
        ) : null}
        {list.isError ? <ErrorAlert error={list.error} what="Reading the directory extensions" onRetry={() => void list.refetch()} /> : null}

        <Box component="section" aria-label="Extension application" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="subtitle2" component="h3">
            Extension application{list.data ? `: ${list.data.app.displayName} (${list.data.app.appId})` : ''}
          </Typography>
          <Box component="form" aria-label="Set the extension application" sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}
            onSubmit={(e) => { e.preventDefault(); setApp.mutate({ connector, appId: typed, createMissing }, { onSuccess: (l) => { setAppId(''); done(`${l.connector} uses ${l.app.displayName} (${l.app.appId}) for directory extensions; its next import is a full one.`); } }); }}>
            <TextField size="small" label="Application (client) ID" value={appId} sx={{ width: 380 }}
              onChange={(e) => { setAppId(e.target.value); setApp.reset(); }}
              placeholder={list.data?.app.appId ?? '00000000-0000-0000-0000-000000000000'}
              error={Boolean(appError)} helperText={appError ?? 'It is read in the tenant before it is saved'} />
            <FormControlLabel control={<Checkbox checked={createMissing} onChange={(e) => setCreateMissing(e.target.checked)} />} label="Register missing extensions on export" />
            <Button type="submit" variant="outlined" disabled={!connector || !GUID.test(typed) || setApp.isPending}>Use this application</Button>
          </Box>
          <CommandLine command={`${commands.app(typed)}${createMissing ? ' --create-missing' : ''}`} />
        </Box>

        {list.data ? (
          // The dialog's content scrolls: the grid keeps its height instead of shrinking to nothing.
          <Box sx={{ flexShrink: 0 }}>
            <Typography variant="subtitle2" component="h3">Registered extensions</Typography>
            <DataTable label="Registered directory extensions" rows={list.data.extensions} columns={COLUMNS} getRowId={(d) => d.name} onSelect={setSelected} height={190} hideFooter
              actions={<Button color="error" disabled={!selected || remove.isPending} onClick={() => { remove.reset(); setConfirming(true); }}>Delete extension</Button>} />
          </Box>
        ) : null}
        {remove.isError ? <ErrorAlert error={remove.error} what="Deleting the extension" /> : null}
        {confirming && selected ? (
          <Alert severity="warning" action={
            <Box sx={{ display: 'flex', gap: 1 }}>
              <Button color="inherit" onClick={() => setConfirming(false)}>Keep it</Button>
              <Button color="error" variant="contained" disabled={remove.isPending}
                onClick={() => remove.mutate({ connector, name: selected.name, confirm: true }, {
                  onSettled: () => setConfirming(false),
                  onSuccess: (r) => done(`Deleted ${r.removed.name}; rules that still write it now fail on export: remove their transformation.`),
                })}>
                Delete
              </Button>
            </Box>
          }>
            Delete {selected.name}? Its values become unreadable on every user and group until it is registered again.
            <CommandLine command={commands.remove(selected.name)} />
          </Alert>
        ) : null}

        <ExtensionFlowForm connector={connector} cliConnector={entra.length > 1 ? connector : ''} sources={sources} prefix={list.data?.prefix} onDone={done} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
