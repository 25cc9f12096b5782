// Connect your directories: one card per forest with its server, account and a connection test.
import { useState } from 'react';
import { Alert, Box, Button, MenuItem, Paper, TextField, Typography } from '@mui/material';
import type { DirectoryInput } from '../../../shared/model/wizard.ts';
import { getApi } from '../api/client.ts';
import { emptyDirectory } from './draft.ts';
import { fieldIssues, type PageProps } from './page-props.ts';

/** The directories to synchronize. */
export function DirectoriesPage({ view, draft, setDraft, busy }: PageProps<'directories'>) {
  const [tests, setTests] = useState<Record<number, { ok: boolean; message: string } | 'running'>>({});
  const list = draft.directories;
  const update = (i: number, patch: Partial<DirectoryInput>) => setDraft({ page: 'directories', directories: list.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  const test = async (i: number) => {
    setTests((t) => ({ ...t, [i]: 'running' }));
    try {
      const r = await getApi().call('wizard.testDirectory', list[i]!);
      setTests((t) => ({ ...t, [i]: r }));
    } catch (err) {
      setTests((t) => ({ ...t, [i]: { ok: false, message: (err as Error).message } }));
    }
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Connect your directories</Typography>
      <Typography variant="body2">
        Give an account with read access (more for writeback). Active Directory accepts DOMAIN\user, user@domain or a DN.
      </Typography>
      {view.path === 'import' ? (
        <Alert severity="info">These are the forests of the imported configuration: directories cannot be added or removed. The server and account start from what the old server used; give the password.</Alert>
      ) : null}
      {list.map((d, i) => {
        const issues = fieldIssues(view, `directories[${i}]`);
        const result = tests[i];
        return (
          <Paper key={i} variant="outlined" sx={{ p: 2, display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }} component="section" aria-label={`Directory ${i + 1}`}>
            <TextField label="Forest name" size="small" value={d.name} onChange={(e) => update(i, { name: e.target.value })} />
            <TextField select label="Directory type" size="small" value={d.kind} onChange={(e) => update(i, { kind: e.target.value as DirectoryInput['kind'] })}>
              <MenuItem value="ad">Active Directory</MenuItem>
              <MenuItem value="openldap">OpenLDAP</MenuItem>
            </TextField>
            <TextField label="Server" size="small" placeholder="ldaps://dc1.contoso.com" value={d.url} onChange={(e) => update(i, { url: e.target.value })} />
            <TextField select label="Connection security" size="small" value={d.security} onChange={(e) => update(i, { security: e.target.value as DirectoryInput['security'] })}>
              <MenuItem value="ldaps">LDAPS</MenuItem>
              <MenuItem value="starttls">StartTLS</MenuItem>
              <MenuItem value="none">None (test labs only)</MenuItem>
            </TextField>
            <TextField label="Account" size="small" value={d.bindDn} onChange={(e) => update(i, { bindDn: e.target.value })} />
            <TextField label="Password" type="password" autoComplete="off" size="small" value={d.password} onChange={(e) => update(i, { password: e.target.value })} />
            <TextField label="Trusted CA (PEM, optional)" size="small" multiline maxRows={4} value={d.caPem ?? ''} onChange={(e) => update(i, { caPem: e.target.value })} />
            <TextField label="Certificate host name (optional)" size="small" value={d.tlsServerName ?? ''} onChange={(e) => update(i, { tlsServerName: e.target.value })} />
            <Box sx={{ gridColumn: '1 / -1', display: 'flex', gap: 1 }}>
              <Button variant="outlined" size="small" disabled={busy || result === 'running'} onClick={() => void test(i)}>Test connection</Button>
              <Button size="small" color="error" disabled={busy || list.length === 1 || view.path === 'import'} onClick={() => setDraft({ page: 'directories', directories: list.filter((_, j) => j !== i) })}>Remove</Button>
            </Box>
            {result && result !== 'running' ? <Alert sx={{ gridColumn: '1 / -1' }} severity={result.ok ? 'success' : 'error'}>{result.message}</Alert> : null}
            {issues.map((m) => <Alert key={m} sx={{ gridColumn: '1 / -1' }} severity="error">{m}</Alert>)}
          </Paper>
        );
      })}
      <Box>
        <Button variant="outlined" disabled={busy || view.path === 'import'} onClick={() => setDraft({ page: 'directories', directories: [...list, emptyDirectory()] })}>Add Directory</Button>
      </Box>
    </Box>
  );
}
