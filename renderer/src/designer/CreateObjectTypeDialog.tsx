// Create Object Type: a new metaverse object class.
import { useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import type { MvSchema } from '../../../shared/model/metaverse.ts';
import { useApiMutation } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { objectTypeNameProblem } from './schema-view.ts';

/** Dialog that calls schema.addObjectType. */
export function CreateObjectTypeDialog({ schema, onClose, onCreated }: { schema: MvSchema; onClose: () => void; onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useApiMutation('schema.addObjectType', ['schema.get']);
  const problem = objectTypeNameProblem(name.trim(), schema);
  const submit = () => {
    setTouched(true);
    if (problem) return;
    create.mutate({ name: name.trim(), attributes: [] }, { onSuccess: () => { onCreated(name.trim()); onClose(); } });
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="create-type-title" fullWidth maxWidth="xs">
      <DialogTitle id="create-type-title">Create Object Type</DialogTitle>
      <DialogContent>
        <Box component="form" onSubmit={(e) => { e.preventDefault(); submit(); }} sx={{ pt: 1 }}>
        <TextField label="Object type name" fullWidth autoFocus value={name} onChange={(e) => setName(e.target.value)} error={touched && problem !== null} helperText={touched && problem ? problem : ' '} />
        {create.isError ? <ErrorAlert error={create.error} what={`Creating ${name}`} /> : null}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={create.isPending} onClick={submit}>
          OK
        </Button>
      </DialogActions>
    </Dialog>
  );
}
