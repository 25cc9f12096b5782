// Ready to configure, and the result page with its task list, warnings and next steps.
import { useEffect } from 'react';
import { Alert, Box, Checkbox, FormControlLabel, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { WizardView } from '../../../shared/model/wizard.ts';
import { getApi } from '../api/client.ts';
import type { PageProps } from './page-props.ts';

function summary(view: WizardView): string[] {
  const m = view.migration;
  if (m) {
    return [
      view.entra ? `Microsoft Entra ID tenant ${view.entra.tenantId} (application ${view.entra.clientId})` : 'Microsoft Entra ID: as configured',
      ...view.directories.map((d) => `Directory ${d.name} at ${d.url} as ${d.bindDn}`),
      `Imported from ${m.source.server ?? m.source.folder}: ${m.counts.rules} rules (${m.counts.enabledRules} enabled, ${m.counts.disabledByIdSync} disabled on import with their reasons, ${m.counts.disabledByCustomer} disabled on the old server)`,
      `Source anchor ${m.settings.sourceAnchor}, user matching ${m.settings.userMatching.exported}, OU filtering and attribute lists as exported`,
    ];
  }
  const lines = [
    view.entra ? `Microsoft Entra ID tenant ${view.entra.tenantId} (application ${view.entra.clientId})` : 'Microsoft Entra ID: as configured',
    ...view.directories.map((d) => `Directory ${d.name} at ${d.url} as ${d.bindDn}`),
    ...view.ouFilters.map((f) => `${f.directory}: ${f.mode === 'all' ? 'all domains and OUs' : `${f.included.length} selected container(s)`}`),
    `Source anchor: ${view.identifying.sourceAnchor}; users across directories: ${view.identifying.userMatching}`,
    view.filtering.mode === 'group' ? `Pilot group: ${view.filtering.groups.map((g) => `${g.directory}: ${g.dn}`).join('; ')}` : 'All users and devices',
    `Optional features: ${view.features.filter((f) => f.enabled).map((f) => f.label).join(', ') || 'none'}`,
  ];
  if (view.task === 'refresh-schema') lines.push('The directory schemas are re-read and the synchronization rules regenerated.');
  return lines;
}

/** What will happen, with the two last choices. */
export function ReadyPage({ view, draft, setDraft }: PageProps<'ready'>) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Ready to configure</Typography>
      <List dense aria-label="Summary">{summary(view).map((l) => <ListItem key={l}><ListItemText primary={l} /></ListItem>)}</List>
      <FormControlLabel control={<Checkbox checked={draft.startSync} onChange={(e) => setDraft({ ...draft, startSync: e.target.checked })} />} label="Start the synchronization process when configuration completes" />
      <FormControlLabel control={<Checkbox checked={draft.stagingMode} onChange={(e) => setDraft({ ...draft, stagingMode: e.target.checked })} />} label="Enable staging mode: import and synchronize, but export nothing" />
    </Box>
  );
}

/** The configuration tasks with their outcome; refreshed while the initial cycle runs. */
export function CompletePage({ view, onView }: PageProps<'complete'>) {
  const running = view.apply.some((s) => s.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void getApi().call('wizard.get', {}).then(onView).catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [running, onView]);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Configuration complete</Typography>
      <List dense aria-label="Configuration tasks">
        {view.apply.map((s) => (
          <ListItem key={s.label} aria-label={s.label}>
            <ListItemText primary={`${s.label}: ${s.status}`} secondary={s.message} slotProps={{ secondary: { sx: { whiteSpace: 'pre-line' } } }} />
          </ListItem>
        ))}
      </List>
      {view.notes.map((n) => <Alert key={n} severity="warning">{n}</Alert>)}
      {!running ? <Alert severity="info">Configuration has finished. The console's tabs show the connectors, runs and metaverse.</Alert> : null}
    </Box>
  );
}
