// Connect to Microsoft Entra ID: the sync app registration (secret or certificate), an optional administrator
// device code sign-in, and the endpoints for other clouds or a TLS-inspecting proxy.
import { useEffect, useState } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { EntraPageInput } from '../../../shared/model/wizard.ts';
import { getApi } from '../api/client.ts';
import { fieldIssues, type PageProps } from './page-props.ts';

const masked = { WebkitTextSecurity: 'disc' } as const;

/** The tenant and the credentials the sync service signs in with. */
export function EntraPage({ view, draft, setDraft, onView, busy }: PageProps<'entra'>) {
  const e = draft.entra;
  const set = (patch: Partial<EntraPageInput>) => setDraft({ page: 'entra', entra: { ...e, ...patch } });
  const [error, setError] = useState<string | null>(null);
  const dc = view.deviceCode;
  useEffect(() => {
    if (dc.status !== 'waiting' || !dc.userCode) return;
    const timer = setInterval(() => void getApi().call('wizard.get', {}).then(onView).catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [dc.status, dc.userCode, onView]);
  const startDeviceCode = async () => {
    setError(null);
    try {
      onView(await getApi().call('wizard.deviceCode', { tenantId: e.tenantId, clientId: e.clientId, authorityHost: e.authorityHost, graphBaseUrl: e.graphBaseUrl, caPem: e.caPem }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const issue = (f: string) => fieldIssues(view, f).join(' ') || undefined;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 720 }}>
      <Typography variant="h6" component="h2">Connect to Microsoft Entra ID</Typography>
      <Typography variant="body2">
        IdSync signs in to your tenant as an app registration with the User.ReadWrite.All, Group.ReadWrite.All and Directory.Read.All
        application permissions. Its secret or private key is kept encrypted by the engine and never shown again.
      </Typography>
      <TextField label="Tenant" helperText={issue('tenantId') ?? 'Tenant id (GUID) or its onmicrosoft.com domain'} error={!!issue('tenantId')} value={e.tenantId} onChange={(ev) => set({ tenantId: ev.target.value })} size="small" />
      <TextField label="Application (client) ID" helperText={issue('clientId')} error={!!issue('clientId')} value={e.clientId} onChange={(ev) => set({ clientId: ev.target.value })} size="small" />
      <RadioGroup row aria-label="Credential" value={e.authKind} onChange={(ev) => set({ authKind: ev.target.value as 'secret' | 'certificate' })}>
        <FormControlLabel value="secret" control={<Radio />} label="Client secret" />
        <FormControlLabel value="certificate" control={<Radio />} label="Certificate" />
      </RadioGroup>
      {e.authKind === 'secret' ? (
        <TextField label="Client secret" type="password" autoComplete="off" helperText={issue('clientSecret')} error={!!issue('clientSecret')} value={e.clientSecret ?? ''} onChange={(ev) => set({ clientSecret: ev.target.value })} size="small" />
      ) : (
        <>
          <TextField label="Certificate (PEM)" multiline minRows={3} maxRows={6} helperText={issue('certificatePem')} error={!!issue('certificatePem')} value={e.certificatePem ?? ''} onChange={(ev) => set({ certificatePem: ev.target.value })} size="small" />
          <TextField label="Private key (PEM)" multiline minRows={3} maxRows={6} autoComplete="off" slotProps={{ htmlInput: { style: masked } }} helperText={issue('privateKeyPem')} error={!!issue('privateKeyPem')} value={e.privateKeyPem ?? ''} onChange={(ev) => set({ privateKeyPem: ev.target.value })} size="small" />
        </>
      )}
      <Accordion disableGutters variant="outlined">
        <AccordionSummary expandIcon={<ExpandMoreIcon />}>Endpoints and trust (other clouds, proxies)</AccordionSummary>
        <AccordionDetails sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <TextField label="Authority host" placeholder="https://login.microsoftonline.com" value={e.authorityHost ?? ''} onChange={(ev) => set({ authorityHost: ev.target.value })} size="small" />
          <TextField label="Microsoft Graph URL" placeholder="https://graph.microsoft.com" value={e.graphBaseUrl ?? ''} onChange={(ev) => set({ graphBaseUrl: ev.target.value })} size="small" />
          <TextField label="Extra trusted CA (PEM)" multiline minRows={2} maxRows={5} value={e.caPem ?? ''} onChange={(ev) => set({ caPem: ev.target.value })} size="small" />
        </AccordionDetails>
      </Accordion>
      <Box component="section" aria-label="Administrator sign-in" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
        <Typography variant="subtitle2">Administrator sign-in (device code)</Typography>
        <Typography variant="body2" sx={{ mb: 1 }}>
          Optional: sign in as a Hybrid Identity Administrator on any device to check the tenant and read its domains with your own
          account. Your sign-in is used during this session only and is not stored.
        </Typography>
        <Button variant="outlined" disabled={busy || !e.tenantId || !e.clientId || dc.status === 'waiting'} onClick={() => void startDeviceCode()}>
          Sign in with a device code
        </Button>
        {dc.status === 'waiting' && dc.userCode ? (
          <Alert severity="info" sx={{ mt: 1 }} aria-label="Device code">
            Open <b>{dc.verificationUri}</b> and enter the code <b aria-label="User code">{dc.userCode}</b>. The wizard waits for you to finish.
          </Alert>
        ) : null}
        {dc.status === 'signed-in' ? <Alert severity="success" sx={{ mt: 1 }}>Signed in as {dc.username}; {view.domains.length} domain(s) read.</Alert> : null}
        {dc.status === 'failed' ? <Alert severity="error" sx={{ mt: 1 }}>{dc.error}</Alert> : null}
        {error ? <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert> : null}
      </Box>
      {view.entra?.tested ? <Alert severity="success">{view.entra.tested}</Alert> : null}
    </Box>
  );
}
