// "Why is this object (not) in scope?": the rule as edited, evaluated on one object — each scoping clause with the
// value it saw, each join group with its candidates, each transformation's value. Nothing is saved.
import { useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Typography } from '@mui/material';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import type { RuleTestResult } from '../../../shared/model/rules-editor.ts';
import { getApi } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatValues } from '../components/values.ts';
import { ObjectPicker, trialObject, type PickedObject } from './ObjectPicker.tsx';

const OUTCOME: Record<RuleTestResult['join']['outcome'], string> = {
  'no-join-rules': 'The rule has no join rules',
  'already-joined': 'Already joined',
  one: 'A join group finds exactly one object: it joins',
  provision: 'No join group finds exactly one object: the rule provisions a new one',
  none: 'No join group finds exactly one object: the object stays a disconnector',
};

const flowText = (f: RuleTestResult['flows'][number]) =>
  f.outcome === 'values' ? formatValues(f.values) : f.outcome === 'error' ? `error ${f.error?.code}: ${f.error?.message}` : { null: 'NULL', 'authoritative-null': 'AuthoritativeNull', ignore: 'IgnoreThisFlow' }[f.outcome];

/** Object choice, Test, and the result by section. */
export function RuleTestDialog({ rule, onClose }: { rule: SyncRule; onClose: () => void }) {
  const inbound = rule.direction === 'Inbound';
  const [pick, setPick] = useState<PickedObject>({ kind: inbound ? 'cs' : 'mv', connector: inbound ? rule.connector.name : '', ref: '' });
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const object = trialObject(pick);
  const run = async () => {
    if (!object) return;
    setError(null);
    try {
      setResult(await getApi().call('rules.test', { rule, object }));
    } catch (err) {
      setResult(null);
      setError(err);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="rule-test-title">
      <DialogTitle id="rule-test-title">Test the rule on one object</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: '50vh' }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap', pt: 1 }}>
          <ObjectPicker value={pick} onChange={setPick} mvObjectType={inbound ? undefined : rule.sourceObjectType} idPrefix="rule-test" />
          <Button variant="contained" disabled={!object} onClick={() => void run()}>Test</Button>
        </Box>
        {error ? <ErrorAlert error={error} what="Testing the rule" /> : null}
        {result ? (
          <Box role="region" aria-label="Rule test result" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
            {result.applies ? null : <Alert severity="warning">{result.reason}</Alert>}
            <Alert severity={result.scoping.inScope ? 'success' : 'info'} aria-label="Scope">
              {result.object.label}: {result.scoping.inScope ? 'in scope' : 'out of scope'}{result.scoping.groups.length ? '' : ' (no scoping filter)'}
            </Alert>
            {result.scoping.groups.map((g, i) => (
              <Box key={i} component="section" aria-label={`Scoping group ${i + 1} result`}>
                <Typography variant="subtitle2">Group {i + 1}: {g.holds ? 'holds' : 'does not hold'}</Typography>
                <List dense>
                  {g.clauses.map((c, j) => (
                    <ListItem key={j}>
                      <ListItemText primary={`${c.holds ? '✓' : '✗'} ${c.attribute} ${c.operator}${c.value ? ` ${c.value}` : ''}`} secondary={`value: ${c.actual.length ? formatValues(c.actual) : '(absent)'}`} />
                    </ListItem>
                  ))}
                </List>
              </Box>
            ))}
            <Typography variant="subtitle2">Join: {OUTCOME[result.join.outcome]}{result.join.linkedTo ? ` (${result.join.linkedTo})` : ''}</Typography>
            {result.join.groups.map((g, i) => (
              <Typography key={i} variant="body2">
                Group {i + 1}: {g.clauses.map((c) => `${c.csAttribute} = ${c.mvAttribute} [${formatValues(c.values) || 'no value'}]`).join(' and ')} → {g.candidates.length} candidate{g.candidates.length === 1 ? '' : 's'}
              </Typography>
            ))}
            <Typography variant="subtitle2">Transformations</Typography>
            <List dense aria-label="Transformation values">
              {result.flows.map((f) => (
                <ListItem key={f.destination}>
                  <ListItemText primary={`${f.destination} ← ${flowText(f)}`} secondary={`${f.flowType}: ${f.source}`} />
                </ListItem>
              ))}
            </List>
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
