// The installation wizard's frame: step list on the left, the page, and Previous / Next / Cancel at the bottom.
// The engine holds the session; this component renders it and sends each page on Next.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { WizardView } from '../../../shared/model/wizard.ts';
import { getApi } from '../api/client.ts';
import { describeError } from '../components/error-text.ts';
import { initialDraft, nextLabel, type Draft } from './draft.ts';
import type { PageProps } from './page-props.ts';
import { ExpressPage, UserSignInPage, WelcomePage } from './IntroPages.tsx';
import { ImportSettingsPage } from './ImportSettingsPage.tsx';
import { EntraPage } from './EntraPage.tsx';
import { DirectoriesPage } from './DirectoriesPage.tsx';
import { UpnSuffixesPage } from './UpnSuffixesPage.tsx';
import { OuFilteringPage } from './OuFilteringPage.tsx';
import { FeaturesPage, FilteringPage, IdentifyingPage } from './SyncOptionPages.tsx';
import { CompletePage, ReadyPage } from './FinishPages.tsx';
import { SchemaRefreshPage, StagingPage, TasksPage, ViewConfigPage } from './MaintenancePages.tsx';

export interface WizardDialogProps {
  readonly open: boolean;
  onClose(): void;
}

// Each page component is typed for its own draft; the frame only ever passes the matching one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const PAGES: Record<Draft['page'], (props: PageProps<any>) => React.ReactElement> = {
  welcome: WelcomePage, express: ExpressPage, 'import-settings': ImportSettingsPage, 'user-sign-in': UserSignInPage, entra: EntraPage, directories: DirectoriesPage,
  'upn-suffixes': UpnSuffixesPage, 'ou-filtering': OuFilteringPage, identifying: IdentifyingPage, filtering: FilteringPage,
  features: FeaturesPage, ready: ReadyPage, complete: CompletePage, tasks: TasksPage, 'view-config': ViewConfigPage,
  'schema-refresh': SchemaRefreshPage, staging: StagingPage,
};

/** The wizard as a large dialog; opening it takes the engine lock, Cancel gives it back unchanged. */
export function WizardDialog({ open, onClose }: WizardDialogProps) {
  const [view, setView] = useState<WizardView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const queries = useQueryClient();

  const show = useCallback((v: WizardView) => {
    setView(v);
    setDraft((d) => (d && d.page === v.page ? d : initialDraft(v)));
  }, []);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setView(null);
    setDraft(null);
    getApi().call('wizard.open', {}).then(show, (err: unknown) => setError(describeError(err, 'Opening the installation wizard').message));
  }, [open, show]);

  const run = async (fn: () => Promise<WizardView>) => {
    setBusy(true);
    setError(null);
    try {
      show(await fn());
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (d: Draft) => void run(() => getApi().call('wizard.submit', d));
  const leave = async (how: 'wizard.cancel' | 'wizard.close') => {
    if (view?.open) await getApi().call(how, {}).catch(() => undefined);
    await queries.invalidateQueries();
    onClose();
  };

  const Page = view && draft ? PAGES[view.page] : null;
  const finished = view?.page === 'complete' || view?.page === 'view-config';
  const firstPage = view?.steps[0]?.id === view?.page;
  return (
    // Not full-screen: the status bar below stays in sight and names the wizard as the engine lock's holder.
    <Dialog open={open} maxWidth="lg" fullWidth aria-labelledby="wizard-title" slotProps={{ paper: { sx: { height: 'calc(100vh - 96px)', mt: 2, mb: 6 } } }}>
      <DialogTitle id="wizard-title" sx={{ py: 1 }}>IdSync configuration wizard</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', gap: 3, p: 0 }}>
        <Box component="nav" aria-label="Wizard steps" sx={{ width: 240, borderRight: 1, borderColor: 'divider', flexShrink: 0 }}>
          <List dense>
            {view?.steps.map((s) => (
              <ListItem key={s.id} aria-current={s.id === view.page ? 'step' : undefined}
                sx={{ bgcolor: s.id === view.page ? 'action.selected' : undefined, fontWeight: s.id === view.page ? 600 : 400 }}>
                <ListItemText primary={s.label} slotProps={{ primary: { sx: { fontWeight: s.id === view.page ? 600 : 400 } } }} />
              </ListItem>
            ))}
          </List>
        </Box>
        <Box component="main" sx={{ flex: 1, overflow: 'auto', p: 3 }} aria-label="Wizard page">
          {error ? <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert> : null}
          {view && view.issues.length ? (
            <Box role="region" aria-label="Validation" sx={{ mb: 2, display: 'flex', flexDirection: 'column', gap: 1 }}>
              {view.issues.map((i) => <Alert key={`${i.field}:${i.message}`} severity={i.severity === 'block' ? 'error' : 'warning'}>{i.message}</Alert>)}
            </Box>
          ) : null}
          {!view && !error ? <CircularProgress aria-label="Opening the wizard" /> : null}
          {Page && view && draft ? (
            <Page view={view} draft={draft} setDraft={setDraft as (d: Draft) => void} onView={show} submit={submit} busy={busy} />
          ) : null}
        </Box>
      </DialogContent>
      <DialogActions>
        {busy ? <CircularProgress size={20} aria-label="Working" /> : null}
        {view && !finished ? <Button disabled={busy || firstPage} onClick={() => void run(() => getApi().call('wizard.back', {}))}>Previous</Button> : null}
        {view && draft && view.page !== 'express' && !finished ? (
          <Button variant="contained" disabled={busy || (view.page === 'welcome' && draft.page === 'welcome' && !draft.licenseAccepted)} onClick={() => submit(draft)}>
            {view.page === 'welcome' ? 'Continue' : nextLabel(view)}
          </Button>
        ) : null}
        {finished ? <Button variant="contained" onClick={() => void leave('wizard.close')}>Exit</Button> : null}
        {view?.page === 'view-config' ? <Button disabled={busy} onClick={() => void run(() => getApi().call('wizard.back', {}))}>Previous</Button> : null}
        {!finished ? <Button disabled={busy} onClick={() => void leave('wizard.cancel')}>Cancel</Button> : null}
      </DialogActions>
    </Dialog>
  );
}
