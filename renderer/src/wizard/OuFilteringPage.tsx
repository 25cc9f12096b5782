// Domain and OU filtering: per directory, everything or the ticked containers of the live tree.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, FormControlLabel, Paper, Radio, RadioGroup, Typography } from '@mui/material';
import type { ContainerTreeNode, OuFilter } from '../../../shared/model/wizard.ts';
import { getApi } from '../api/client.ts';
import { fieldIssues, type PageProps } from './page-props.ts';

type Trees = { partition: string; containers: ContainerTreeNode[] }[];

function Node({ node, included, toggle, depth }: { node: ContainerTreeNode; included: string[]; toggle: (dn: string) => void; depth: number }) {
  const checked = included.some((dn) => dn.toLowerCase() === node.dn.toLowerCase());
  return (
    <Box sx={{ pl: depth * 3 }}>
      <FormControlLabel control={<Checkbox size="small" checked={checked} onChange={() => toggle(node.dn)} slotProps={{ input: { 'aria-label': node.dn } }} />} label={node.name} />
      {node.children.map((c) => <Node key={c.dn} node={c} included={included} toggle={toggle} depth={depth + 1} />)}
    </Box>
  );
}

function DirectoryFilter({ filter, onChange, issues }: { filter: OuFilter; onChange: (f: OuFilter) => void; issues: string[] }) {
  const [trees, setTrees] = useState<Trees | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setTrees(await getApi().call('wizard.containers', { directory: filter.directory }));
    } catch (err) {
      setError((err as Error).message);
    }
  }, [filter.directory]);
  useEffect(() => {
    if (filter.mode === 'selected' && !trees) void load();
  }, [filter.mode, trees, load]);
  const toggle = (dn: string) => {
    const has = filter.included.some((x) => x.toLowerCase() === dn.toLowerCase());
    onChange({ ...filter, included: has ? filter.included.filter((x) => x.toLowerCase() !== dn.toLowerCase()) : [...filter.included, dn] });
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={`OU filtering of ${filter.directory}`}>
      <Typography variant="subtitle1">{filter.directory}</Typography>
      <RadioGroup value={filter.mode} onChange={(e) => onChange({ ...filter, mode: e.target.value as OuFilter['mode'] })}>
        <FormControlLabel value="all" control={<Radio />} label="Sync all domains and OUs" />
        <FormControlLabel value="selected" control={<Radio />} label="Sync selected domains and OUs" />
      </RadioGroup>
      {filter.mode === 'selected' ? (
        <Box sx={{ maxHeight: 260, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }} role="group" aria-label="Containers">
          {trees?.map((t) => (
            <Box key={t.partition}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>{t.partition}</Typography>
              {t.containers.map((c) => <Node key={c.dn} node={c} included={filter.included} toggle={toggle} depth={1} />)}
            </Box>
          )) ?? <Typography variant="body2">Reading the containers…</Typography>}
        </Box>
      ) : null}
      {filter.mode === 'selected' ? <Button size="small" onClick={() => void load()}>Refresh</Button> : null}
      {error ? <Alert severity="error">{error}</Alert> : null}
      {issues.map((m) => <Alert key={m} severity="error">{m}</Alert>)}
    </Paper>
  );
}

/** One filter per connected directory. */
export function OuFilteringPage({ view, draft, setDraft }: PageProps<'ou-filtering'>) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 760 }}>
      <Typography variant="h6" component="h2">Domain and OU filtering</Typography>
      <Typography variant="body2">
        A ticked container includes its whole sub-tree. Renaming a selected OU later takes it out of scope; run the wizard again to select it.
      </Typography>
      {draft.ouFilters.map((f, i) => (
        <DirectoryFilter key={f.directory} filter={f} issues={fieldIssues(view, `ouFilters.${f.directory}`)}
          onChange={(nf) => setDraft({ page: 'ou-filtering', ouFilters: draft.ouFilters.map((x, j) => (j === i ? nf : x)) })} />
      ))}
    </Box>
  );
}
