// Cloning a rule, and the standard-rule prompt: a standard rule is not edited in place (its changes would be lost
// when the standard rules are regenerated); it is disabled and a clone is edited, at a custom precedence.
import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, TextField } from '@mui/material';
import type { SyncRule } from '../../../shared/model/sync-rules.ts';
import { freeCustomPrecedences } from './rule-draft.ts';

export interface CloneChoice {
  readonly precedence: number;
  readonly name: string;
  readonly disableOriginal: boolean;
}

export interface CloneDialogProps {
  rule: SyncRule;
  rules: readonly SyncRule[];
  /** `standard`: the prompt shown when Edit is chosen on a standard rule. */
  purpose: 'clone' | 'standard';
  onClone: (c: CloneChoice) => void;
  /** Only for `standard`: edit the standard rule itself after all. */
  onEditOriginal?: () => void;
  onClose: () => void;
  busy?: boolean;
}

/** Precedence (custom ones below 100 suggested), name, and whether the original is disabled. */
export function CloneDialog({ rule, rules, purpose, onClone, onEditOriginal, onClose, busy }: CloneDialogProps) {
  const suggestions = freeCustomPrecedences(rules);
  const [precedence, setPrecedence] = useState(String(suggestions[0] ?? ''));
  const [name, setName] = useState(`${rule.name} (custom)`);
  const [disableOriginal, setDisableOriginal] = useState(purpose === 'standard');
  const n = Number(precedence);
  const taken = rules.find((r) => r.precedence === n);
  const problem = !/^\d+$/.test(precedence.trim()) || n < 1 ? 'Enter a whole number from 1' : taken ? `Precedence ${n} is used by "${taken.name}"` : null;
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="clone-title">
      <DialogTitle id="clone-title">{purpose === 'standard' ? 'Edit a standard rule' : `Clone "${rule.name}"`}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        {purpose === 'standard' ? (
          <Alert severity="warning">
            "{rule.name}" is a standard rule ({rule.immutableTag}). Changes to it are lost when the standard rules are regenerated. Disable it and edit a clone instead: the
            clone takes over with its own precedence, and the original stays for upgrades.
          </Alert>
        ) : (
          <DialogContentText>The clone is a custom rule: it carries no tag and is never replaced by an upgrade.</DialogContentText>
        )}
        <TextField label="Name of the clone" value={name} onChange={(e) => setName(e.target.value)} size="small" />
        <Box>
          <TextField label="Precedence of the clone" value={precedence} onChange={(e) => setPrecedence(e.target.value)} size="small" error={problem !== null}
            helperText={problem ?? 'Lower wins. Custom rules take 1–99, above the standard rules.'} sx={{ width: 300 }} />
          <Box sx={{ display: 'flex', gap: 0.5, mt: 1, flexWrap: 'wrap' }} aria-label="Free custom precedences">
            {suggestions.map((s) => <Chip key={s} label={s} size="small" onClick={() => setPrecedence(String(s))} />)}
          </Box>
        </Box>
        <FormControlLabel control={<Checkbox checked={disableOriginal} onChange={(e) => setDisableOriginal(e.target.checked)} />} label={`Disable "${rule.name}"`} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        {onEditOriginal ? <Button color="warning" onClick={onEditOriginal}>Edit the original</Button> : null}
        <Button variant="contained" disabled={problem !== null || !name.trim() || busy} onClick={() => onClone({ precedence: n, name: name.trim(), disableOriginal })}>
          {purpose === 'standard' ? (disableOriginal ? 'Disable the original and edit a clone' : 'Edit a clone') : 'Clone'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
