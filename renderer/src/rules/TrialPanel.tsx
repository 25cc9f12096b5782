// "Try it": evaluates the expression being edited on one real object, as a synchronization would, and shows
// the result (values, NULL, AuthoritativeNull, IgnoreThisFlow or the error) with the attributes it read.
import { useState } from 'react';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import type { ExpressionTrial } from '../../../shared/model/rules-editor.ts';
import { getApi } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatValues } from '../components/values.ts';
import { ObjectPicker, trialObject, type PickedObject } from './ObjectPicker.tsx';

const OUTCOME: Record<ExpressionTrial['outcome'], string> = {
  values: 'Value',
  null: 'NULL: nothing to contribute (a lower-precedence rule may)',
  'authoritative-null': 'AuthoritativeNull: the attribute is emptied, lower-precedence rules are ignored',
  ignore: 'IgnoreThisFlow: as if the flow did not exist',
  error: 'Error',
};

/** A short text of a trial's outcome. */
export function trialText(t: ExpressionTrial): string {
  if (t.outcome === 'values') return formatValues(t.values);
  if (t.outcome === 'error') return `${t.error?.code}: ${t.error?.message}`;
  return OUTCOME[t.outcome];
}

export interface TrialPanelProps {
  expression: string;
  initial: PickedObject;
  mvObjectType?: string;
  idPrefix: string;
  label: string;
}

/** The object picker, Evaluate, and the result. */
export function TrialPanel({ expression, initial, mvObjectType, idPrefix, label }: TrialPanelProps) {
  const [pick, setPick] = useState<PickedObject>(initial);
  const [result, setResult] = useState<ExpressionTrial | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const object = trialObject(pick);
  const run = async () => {
    if (!object) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await getApi().call('expressions.try', { expression, object }));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 1, mt: 1, display: 'flex', flexDirection: 'column', gap: 1 }} component="section" aria-label={`Try it: ${label}`}>
      <ObjectPicker value={pick} onChange={setPick} mvObjectType={mvObjectType} idPrefix={idPrefix} />
      <Box>
        <Button variant="outlined" startIcon={<PlayArrowIcon />} disabled={!object || busy || !expression.trim()} onClick={() => void run()}>
          Evaluate
        </Button>
      </Box>
      {error ? <ErrorAlert error={error} what="Evaluating the expression" /> : null}
      {result ? (
        <Box role="region" aria-label="Try it result">
          <Alert severity={result.outcome === 'error' ? 'error' : 'success'} sx={{ '& .MuiAlert-message': { width: '100%' } }}>
            <Typography variant="body2">
              <strong>{result.outcome === 'error' ? 'Error' : 'Result'}:</strong>{' '}
              <Box component="span" sx={{ fontFamily: 'monospace' }} aria-label="Result value">{trialText(result)}</Box>
            </Typography>
            <Typography variant="caption" component="p">on {result.object.label} ({result.object.objectType})</Typography>
            {Object.entries(result.object.read).map(([name, values]) => (
              <Typography key={name} variant="caption" component="p" sx={{ fontFamily: 'monospace' }}>
                [{name}] = {values.length ? formatValues(values) : '(absent)'}
              </Typography>
            ))}
          </Alert>
        </Box>
      ) : null}
    </Paper>
  );
}
