// Welcome, Express Settings and User Sign-In.
import { Alert, Box, Button, Checkbox, FormControlLabel, FormControl, FormLabel, List, ListItem, Radio, RadioGroup, Typography } from '@mui/material';
import type { SignInMethod } from '../../../shared/model/wizard.ts';
import type { PageProps } from './page-props.ts';

/** License terms: Continue is enabled only once they are accepted. */
export function WelcomePage({ draft, setDraft }: PageProps<'welcome'>) {
  return (
    <Box>
      <Typography variant="h6" component="h2" gutterBottom>Welcome to IdSync</Typography>
      <Typography sx={{ mb: 2 }}>
        This wizard connects your on-premises directories to Microsoft Entra ID and configures synchronization: connectors, the
        metaverse schema and the out-of-box synchronization rules. Nothing changes until you press Install on the last page.
      </Typography>
      <Typography sx={{ mb: 2 }}>IdSync is open-source software provided under its license, without warranty. IdSync sends no telemetry.</Typography>
      <FormControlLabel
        control={<Checkbox checked={draft.licenseAccepted} onChange={(e) => setDraft({ ...draft, licenseAccepted: e.target.checked })} />}
        label="I agree to the license terms and privacy notice"
      />
    </Box>
  );
}

/** What express does, with Customize and Use express settings. */
export function ExpressPage({ submit, busy }: PageProps<'express'>) {
  return (
    <Box>
      <Typography variant="h6" component="h2" gutterBottom>Express Settings</Typography>
      <Typography>If you have a single directory and want the default configuration, express settings will:</Typography>
      <List dense sx={{ listStyle: 'disc', pl: 4 }}>
        {[
          'Configure synchronization of identities in the directory you connect',
          'Synchronize all domains and OUs, all users, groups and contacts, with all attributes',
          'Use ms-DS-ConsistencyGuid as the source anchor',
          'Prevent accidental deletes (more than 500 deletes in one export wait for you)',
          'Start an initial synchronization cycle when configuration completes',
        ].map((t) => <ListItem key={t} sx={{ display: 'list-item' }}>{t}</ListItem>)}
      </List>
      <Alert severity="info" sx={{ my: 1 }}>Password hash synchronization is not available in IdSync: users keep cloud-managed passwords.</Alert>
      <Box sx={{ display: 'flex', gap: 2, mt: 2 }}>
        <Button variant="outlined" disabled={busy} onClick={() => submit({ page: 'express', path: 'custom' })}>Customize</Button>
        <Button variant="contained" disabled={busy} onClick={() => submit({ page: 'express', path: 'express' })}>Use express settings</Button>
      </Box>
      <Typography variant="body2" sx={{ mt: 3 }}>Moving from an Entra Connect server? Import its exported configuration: rules, filtering and settings come with it.</Typography>
      <Box sx={{ mt: 1 }}>
        <Button variant="outlined" disabled={busy} onClick={() => submit({ page: 'express', path: 'import' })}>Import settings from an Entra Connect server</Button>
      </Box>
    </Box>
  );
}

const METHODS: { id: SignInMethod; label: string; available: boolean; note: string }[] = [
  { id: 'password-hash-sync', label: 'Password Hash Synchronization', available: false, note: 'Not available: the Microsoft Graph connector cannot write password hashes.' },
  { id: 'pass-through', label: 'Pass-through authentication', available: false, note: 'Not available: IdSync has no authentication agent.' },
  { id: 'federation-adfs', label: 'Federation with AD FS', available: false, note: 'Not available: IdSync does not configure AD FS.' },
  { id: 'federation-ping', label: 'Federation with PingFederate', available: false, note: 'Not available: IdSync does not configure PingFederate.' },
  { id: 'do-not-configure', label: 'Do not configure', available: true, note: 'Users sign in with cloud-managed passwords or an existing federation you manage.' },
];

/** How users will sign in. */
export function UserSignInPage({ draft, setDraft }: PageProps<'user-sign-in'>) {
  return (
    <FormControl>
      <FormLabel id="signin-label"><Typography variant="h6" component="h2">User Sign-In</Typography></FormLabel>
      <RadioGroup aria-labelledby="signin-label" value={draft.signInMethod} onChange={(e) => setDraft({ page: 'user-sign-in', signInMethod: e.target.value as SignInMethod })}>
        {METHODS.map((m) => (
          <Box key={m.id} sx={{ mb: 1 }}>
            <FormControlLabel value={m.id} control={<Radio />} label={m.label} disabled={!m.available} />
            <Typography variant="body2" color="text.secondary" sx={{ ml: 4 }}>{m.note}</Typography>
          </Box>
        ))}
      </RadioGroup>
    </FormControl>
  );
}
