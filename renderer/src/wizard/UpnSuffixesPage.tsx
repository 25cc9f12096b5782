// Microsoft Entra sign-in: each on-premises UPN suffix against the tenant's domains, with a refresh.
import { useState } from 'react';
import { Alert, Box, Checkbox, FormControlLabel, IconButton, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Tooltip, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import { getApi } from '../api/client.ts';
import type { PageProps } from './page-props.ts';

/** The suffix table and the sign-in attribute. */
export function UpnSuffixesPage({ view, draft, setDraft, onView }: PageProps<'upn-suffixes'>) {
  const [error, setError] = useState<string | null>(null);
  const refresh = async () => {
    setError(null);
    try {
      onView(await getApi().call('wizard.refreshDomains', {}));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Microsoft Entra sign-in configuration</Typography>
      <Typography variant="body2">Users sign in with their UPN; its suffix must be a verified domain of the tenant.</Typography>
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Table size="small" aria-label="UPN suffixes">
          <TableHead>
            <TableRow><TableCell>Active Directory UPN Suffix</TableCell><TableCell>Microsoft Entra Domain</TableCell><TableCell>State</TableCell><TableCell align="right">Users</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {view.upnSuffixes.map((r) => (
              <TableRow key={r.suffix}>
                <TableCell>{r.suffix}</TableCell><TableCell>{r.entraDomain ?? '—'}</TableCell><TableCell>{r.state}</TableCell><TableCell align="right">{r.users}</TableCell>
              </TableRow>
            ))}
            {view.upnSuffixes.length === 0 ? <TableRow><TableCell colSpan={4}>No user has a UPN suffix yet.</TableCell></TableRow> : null}
          </TableBody>
        </Table>
        <Tooltip title="Refresh domain states from the tenant">
          <IconButton aria-label="Refresh domain states" onClick={() => void refresh()}><RefreshIcon /></IconButton>
        </Tooltip>
      </Box>
      {error ? <Alert severity="error">{error}</Alert> : null}
      <TextField select label="USER PRINCIPAL NAME" size="small" sx={{ maxWidth: 320 }} value={draft.upnAttribute} onChange={(e) => setDraft({ ...draft, upnAttribute: e.target.value })}
        helperText="userPrincipalName is recommended; another attribute makes it an alternate login ID">
        <MenuItem value="userPrincipalName">userPrincipalName</MenuItem>
        <MenuItem value="mail">mail (alternate ID)</MenuItem>
      </TextField>
      <FormControlLabel
        control={<Checkbox checked={draft.continueWithoutVerified ?? false} onChange={(e) => setDraft({ ...draft, continueWithoutVerified: e.target.checked })} />}
        label="Continue without matching all UPN suffixes to verified domains"
      />
    </Box>
  );
}
