// Identifying users, Filtering users and devices, and Optional features.
import { Alert, Box, Checkbox, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import type { FeatureId, IdentifyingChoice } from '../../../shared/model/wizard.ts';
import { fieldIssues, type PageProps } from './page-props.ts';

/** How users are matched across directories and which attribute anchors them in Entra ID. */
export function IdentifyingPage({ view, draft, setDraft }: PageProps<'identifying'>) {
  const c = draft.identifying;
  const set = (patch: Partial<IdentifyingChoice>) => setDraft({ page: 'identifying', identifying: { ...c, ...patch } });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Uniquely identifying your users</Typography>
      <Alert severity="warning">Neither choice on this page can be changed after installation.</Alert>
      <FormControl>
        <FormLabel id="matching">Your users are represented only once across all directories, or:</FormLabel>
        <RadioGroup aria-labelledby="matching" value={c.userMatching} onChange={(e) => set({ userMatching: e.target.value as IdentifyingChoice['userMatching'] })}>
          <FormControlLabel value="unique" control={<Radio />} label="Users are represented only once across all directories" />
          <FormControlLabel value="mail" control={<Radio />} label="Mail attribute" />
          <FormControlLabel value="objectSid" control={<Radio />} label="ObjectSID and msExchangeMasterAccountSID/msRTCSIP-OriginatorSID" />
          <FormControlLabel value="samAccountName" control={<Radio />} label="SAMAccountName and MailNickName" />
          <FormControlLabel value="attribute" control={<Radio />} label="A specific attribute" />
        </RadioGroup>
      </FormControl>
      {c.userMatching === 'attribute' ? <TextField size="small" label="Matching attribute" value={c.matchingAttribute ?? ''} onChange={(e) => set({ matchingAttribute: e.target.value })} /> : null}
      {fieldIssues(view, 'userMatching').concat(fieldIssues(view, 'matchingAttribute')).map((m) => <Alert key={m} severity="error">{m}</Alert>)}
      <FormControl>
        <FormLabel id="anchor">How users are identified with Microsoft Entra ID (source anchor, the cloud immutableId)</FormLabel>
        <RadioGroup aria-labelledby="anchor" value={c.sourceAnchor} onChange={(e) => set({ sourceAnchor: e.target.value as IdentifyingChoice['sourceAnchor'] })}>
          <FormControlLabel value="ms-DS-ConsistencyGuid" control={<Radio />} label="Let IdSync manage the source anchor (ms-DS-ConsistencyGuid, else objectGUID)" />
          <FormControlLabel value="objectGUID" control={<Radio />} label="objectGUID" />
          <FormControlLabel value="attribute" control={<Radio />} label="Choose a specific attribute" />
        </RadioGroup>
      </FormControl>
      {c.sourceAnchor === 'attribute' ? <TextField size="small" label="Source anchor attribute" value={c.sourceAnchorAttribute ?? ''} onChange={(e) => set({ sourceAnchorAttribute: e.target.value })} /> : null}
      {fieldIssues(view, 'sourceAnchorAttribute').map((m) => <Alert key={m} severity="error">{m}</Alert>)}
    </Box>
  );
}

/** All users and devices, or only the direct members of a pilot group per directory. */
export function FilteringPage({ view, draft, setDraft }: PageProps<'filtering'>) {
  const groups = draft.groups ?? [];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Filter users and devices</Typography>
      <RadioGroup aria-label="Filtering" value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as 'all' | 'group' })}>
        <FormControlLabel value="all" control={<Radio />} label="Synchronize all users and devices" />
        <FormControlLabel value="group" control={<Radio />} label="Synchronize selected users and devices (pilot group)" />
      </RadioGroup>
      {draft.mode === 'group' ? (
        <>
          <Alert severity="info">Only direct members of the group are synchronized: nested groups are not followed. Use this for a pilot only.</Alert>
          {groups.map((g, i) => (
            <TextField key={g.directory} size="small" label={`Group in ${g.directory}`} helperText="Name or distinguished name; resolved when you press Next" value={g.name}
              onChange={(e) => setDraft({ ...draft, groups: groups.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
          ))}
        </>
      ) : null}
      {view.filtering.groups.filter((g) => g.dn).map((g) => (
        <Alert key={g.directory} severity="success">{g.directory}: {g.dn} ({g.directMembers} direct members)</Alert>
      ))}
    </Box>
  );
}

/** Optional features: the ones IdSync offers, the rest greyed out with the reason. */
export function FeaturesPage({ view, draft, setDraft }: PageProps<'features'>) {
  const toggle = (id: FeatureId, on: boolean) => setDraft({ page: 'features', enabled: on ? [...draft.enabled, id] : draft.enabled.filter((x) => x !== id) });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Optional features</Typography>
      {view.features.map((f) => (
        <Box key={f.id}>
          <FormControlLabel disabled={!f.available} control={<Checkbox checked={draft.enabled.includes(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} />} label={f.label} />
          <Typography variant="body2" color="text.secondary" sx={{ ml: 4 }}>{f.note}</Typography>
        </Box>
      ))}
    </Box>
  );
}
