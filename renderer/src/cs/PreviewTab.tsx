// Preview tab: simulate the synchronization of this one object (full or delta), then commit it.
import { useState } from 'react';
import { Box, Button, FormControlLabel, Radio, RadioGroup, Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { useApiMutation } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PreviewView } from './PreviewView.tsx';

/** Generate Preview (changes nothing) and Commit Preview (synchronizes the object for real). */
export function PreviewTab({ detail }: { detail: CsObjectDetail }) {
  const [mode, setMode] = useState<'full' | 'delta'>('full');
  const generate = useApiMutation('preview.generate');
  const commit = useApiMutation('preview.commit', ['cs.get', 'cs.search', 'mv.get', 'mv.search']);
  const request = { connector: detail.connector, id: detail.id, mode };
  const result = commit.data ?? generate.data;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="body2" id="preview-mode-label">
          Select Preview Mode
        </Typography>
        <RadioGroup row aria-labelledby="preview-mode-label" value={mode} onChange={(e) => setMode(e.target.value as 'full' | 'delta')}>
          <FormControlLabel value="full" control={<Radio size="small" />} label="Full Synchronization" />
          <FormControlLabel value="delta" control={<Radio size="small" />} label="Delta Synchronization" />
        </RadioGroup>
        <Button variant="outlined" disabled={generate.isPending} onClick={() => { commit.reset(); generate.mutate(request); }}>
          Generate Preview
        </Button>
        <Button variant="contained" disabled={!generate.data || commit.isPending || commit.isSuccess} onClick={() => commit.mutate(request)}>
          Commit Preview
        </Button>
      </Box>
      {generate.isError ? <ErrorAlert error={generate.error} what="Generating the preview" /> : null}
      {commit.isError ? <ErrorAlert error={commit.error} what="Committing the preview" /> : null}
      {commit.isSuccess ? (
        <Typography role="status" color="success.main">
          Committed: the metaverse and the target connector spaces now hold these changes.
        </Typography>
      ) : null}
      {result ? <PreviewView result={result} /> : <Typography color="text.secondary">Generate a preview to see what a synchronization would do to this object. Nothing is changed until you commit.</Typography>}
    </Box>
  );
}
