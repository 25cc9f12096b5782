// Add Attribute: a new metaverse attribute (name, type, multi-valued, indexed), attached to the selected object type.
import { useState } from 'react';
import { Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, InputLabel, MenuItem, Select, TextField } from '@mui/material';
import { MvAttributeType, type MvSchema } from '../../../shared/model/metaverse.ts';
import { useApiMutation } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { attributeNameProblem } from './schema-view.ts';

/** Dialog that calls schema.addAttribute; an existing attribute name attaches that attribute to the type. */
export function AddAttributeDialog({ schema, objectType, onClose }: { schema: MvSchema; objectType: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<MvAttributeType>('string');
  const [multiValued, setMultiValued] = useState(false);
  const [indexed, setIndexed] = useState(false);
  const [touched, setTouched] = useState(false);
  const add = useApiMutation('schema.addAttribute', ['schema.get']);
  const existing = schema.attributes.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
  const problem = attributeNameProblem(name.trim(), schema, objectType);
  const submit = () => {
    setTouched(true);
    if (problem) return;
    const def = existing ?? { name: name.trim(), type, multiValued, indexed };
    add.mutate({ ...def, objectTypes: [objectType] }, { onSuccess: onClose });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="add-attr-title" fullWidth maxWidth="xs">
      <DialogTitle id="add-attr-title">Add Attribute to {objectType}</DialogTitle>
      <DialogContent>
        <Box component="form" onSubmit={(e) => { e.preventDefault(); submit(); }} sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
        <TextField
          label="Attribute name"
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          error={touched && problem !== null}
          helperText={touched && problem ? problem : existing ? `Existing ${existing.type} attribute: it will be attached to ${objectType}` : ' '}
        />
        <FormControl size="small" disabled={Boolean(existing)}>
          <InputLabel id="attr-type-label">Type</InputLabel>
          <Select labelId="attr-type-label" label="Type" value={existing?.type ?? type} onChange={(e) => setType(e.target.value as MvAttributeType)}>
            {MvAttributeType.options.map((t) => (
              <MenuItem key={t} value={t}>
                {t}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControlLabel disabled={Boolean(existing)} control={<Checkbox checked={existing?.multiValued ?? multiValued} onChange={(e) => setMultiValued(e.target.checked)} />} label="Multi-valued" />
        <FormControlLabel disabled={Boolean(existing)} control={<Checkbox checked={existing?.indexed ?? indexed} onChange={(e) => setIndexed(e.target.checked)} />} label="Indexed" />
        {add.isError ? <ErrorAlert error={add.error} what={`Adding ${name}`} /> : null}
        <button type="submit" hidden />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={add.isPending} onClick={submit}>
          OK
        </Button>
      </DialogActions>
    </Dialog>
  );
}
