// A later run: the additional tasks, the current configuration (with Export Settings), schema refresh and staging.
import { useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Radio, RadioGroup, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { WizardTaskId, WizardView } from '../../../shared/model/wizard.ts';
import { getApi } from '../api/client.ts';
import type { PageProps } from './page-props.ts';

function FixedChoices({ view }: { view: WizardView }) {
  return (
    <Table size="small" aria-label="Choices that cannot change">
      <TableHead><TableRow><TableCell>Cannot change</TableCell><TableCell>Value</TableCell><TableCell>Why</TableCell></TableRow></TableHead>
      <TableBody>
        {view.fixed.map((f) => <TableRow key={f.choice}><TableCell>{f.choice}</TableCell><TableCell>{f.value}</TableCell><TableCell>{f.reason}</TableCell></TableRow>)}
      </TableBody>
    </Table>
  );
}

/** The maintenance menu: pick one task, then Next. */
export function TasksPage({ view, draft, setDraft }: PageProps<'tasks'>) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 820 }}>
      <Typography variant="h6" component="h2">Additional tasks</Typography>
      <RadioGroup aria-label="Additional tasks" value={draft.task} onChange={(e) => setDraft({ page: 'tasks', task: e.target.value as WizardTaskId })}>
        {view.tasks.map((t) => (
          <Box key={t.id} sx={{ mb: 0.5 }}>
            <FormControlLabel value={t.id} control={<Radio />} label={t.label} disabled={!t.available} />
            <Typography variant="body2" color="text.secondary" sx={{ ml: 4 }}>{t.note}</Typography>
          </Box>
        ))}
      </RadioGroup>
      <FixedChoices view={view} />
    </Box>
  );
}

/** Read-only summary of what was applied, with Export Settings. */
export function ViewConfigPage({ view }: PageProps<'view-config'>) {
  const [file, setFile] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const a = view.applied;
  const exportSettings = async () => {
    try {
      setFile((await getApi().call('wizard.exportSettings', {})).file);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  if (!a) return <Alert severity="info">Nothing has been configured yet.</Alert>;
  const rows: [string, string][] = [
    ['Applied', a.appliedAt],
    ['Microsoft Entra ID', `${a.entra.connectorName} (tenant ${a.entra.tenantId}, application ${a.entra.clientId}, ${a.entra.authKind})`],
    ...a.directories.map((d): [string, string] => [`Directory ${d.name}`, `${d.kind === 'ad' ? 'Active Directory' : 'OpenLDAP'} at ${d.url} as ${d.bindDn}`]),
    ['User sign-in', a.signInMethod],
    ['User principal name attribute', a.upnAttribute],
    ['Source anchor', a.identifying.sourceAnchor],
    ['Users across directories', a.identifying.userMatching],
    ...a.ouFilters.map((f): [string, string] => [`OU filtering of ${f.directory}`, f.mode === 'all' ? 'all domains and OUs' : f.included.join('; ')]),
    ['Filtering', a.filtering.mode === 'group' ? a.filtering.groups.map((g) => `${g.directory}: ${g.dn}`).join('; ') : 'all users and devices'],
    ['Optional features', a.features.filter((f) => f.enabled).map((f) => f.id).join(', ') || 'none'],
    ['Staging mode', a.stagingMode ? 'enabled' : 'disabled'],
  ];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 820 }}>
      <Typography variant="h6" component="h2">Current configuration</Typography>
      <Table size="small" aria-label="Current configuration">
        <TableBody>{rows.map(([k, v]) => <TableRow key={k}><TableCell sx={{ fontWeight: 600 }}>{k}</TableCell><TableCell>{v}</TableCell></TableRow>)}</TableBody>
      </Table>
      <Box><Button variant="outlined" onClick={() => void exportSettings()}>Export Settings</Button></Box>
      {file ? <Alert severity="success">Settings exported to {file}</Alert> : null}
      {error ? <Alert severity="error">{error}</Alert> : null}
    </Box>
  );
}

/** Which directories' schemas to re-read (all ticked). */
export function SchemaRefreshPage({ view, draft, setDraft }: PageProps<'schema-refresh'>) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="h6" component="h2">Refresh directory schema</Typography>
      <Typography variant="body2">The schema of each ticked directory is re-read and the synchronization rules are regenerated.</Typography>
      {view.directories.map((d) => (
        <FormControlLabel key={d.name} label={d.name} control={<Checkbox checked={draft.directories.includes(d.name)}
          onChange={(e) => setDraft({ page: 'schema-refresh', directories: e.target.checked ? [...draft.directories, d.name] : draft.directories.filter((x) => x !== d.name) })} />} />
      ))}
    </Box>
  );
}

/** Staging mode on or off. */
export function StagingPage({ view, draft, setDraft }: PageProps<'staging'>) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Configure staging mode</Typography>
      <Typography>Staging mode is currently {view.applied?.stagingMode ? 'enabled' : 'disabled'}.</Typography>
      <FormControlLabel control={<Checkbox checked={draft.stagingMode} onChange={(e) => setDraft({ page: 'staging', stagingMode: e.target.checked })} />} label="Enable staging mode" />
      <Alert severity="info">Only one server may be active for a tenant: a staging server imports and synchronizes but exports nothing.</Alert>
    </Box>
  );
}
