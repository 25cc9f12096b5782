// Metaverse Designer: object types, their attributes, add and delete attributes, and attribute flow precedence.
import { useEffect, useMemo, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, ListItemButton, ListItemText, Paper, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import type { MvAttributeDef } from '../../../shared/model/metaverse.ts';
import { useApiMutation, useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { attributesOfType } from './schema-view.ts';
import { AddAttributeDialog } from './AddAttributeDialog.tsx';
import { CreateObjectTypeDialog } from './CreateObjectTypeDialog.tsx';
import { PrecedenceView } from './PrecedenceView.tsx';

const COLUMNS: TableColumn<MvAttributeDef>[] = [
  { field: 'name', headerName: 'Attribute', flex: 1, minWidth: 180 },
  { field: 'type', headerName: 'Type', width: 110 },
  { field: 'multiValued', headerName: 'Multi-valued', width: 110, text: (r) => (r.multiValued ? 'Yes' : 'No') },
  { field: 'indexed', headerName: 'Indexed', width: 90, text: (r) => (r.indexed ? 'Yes' : 'No') },
];

/** The metaverse schema view. */
export function MetaverseDesignerTab() {
  const schema = useApiQuery('schema.get', {});
  const [objectType, setObjectType] = useState<string | null>(null);
  const [attribute, setAttribute] = useState<MvAttributeDef | null>(null);
  const [selectedCount, setSelectedCount] = useState(0);
  const [dialog, setDialog] = useState<'type' | 'attribute' | 'delete' | null>(null);
  const del = useApiMutation('schema.deleteAttribute', ['schema.get']);
  const types = schema.data?.objectTypes ?? [];
  useEffect(() => {
    if (!objectType && types.length) setObjectType(types[0].name);
  }, [objectType, types]);
  const attrs = useMemo(() => (schema.data && objectType ? attributesOfType(schema.data, objectType) : []), [schema.data, objectType]);
  if (schema.isError) return <Box sx={{ p: 1 }}><ErrorAlert error={schema.error} what="Loading the metaverse schema" onRetry={() => void schema.refetch()} /></Box>;
  return (
    <Box sx={{ display: 'flex', height: '100%', p: 1, gap: 1, minHeight: 0 }}>
      <Paper variant="outlined" sx={{ width: 240, flexShrink: 0, display: 'flex', flexDirection: 'column' }} component="section" aria-label="Object types">
        <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', p: 1 }}>
          <Typography variant="subtitle2" component="h2">
            Object Types
          </Typography>
          <Button startIcon={<AddIcon />} onClick={() => setDialog('type')} disabled={!schema.data}>
            Create Object Type
          </Button>
        </Box>
        <List dense aria-label="Object type list" sx={{ overflow: 'auto', flex: 1 }}>
          {types.map((t) => (
            <ListItem key={t.name} disablePadding>
              <ListItemButton selected={t.name === objectType} onClick={() => { setObjectType(t.name); setAttribute(null); }}>
                <ListItemText primary={t.name} secondary={`${t.attributes.length} attributes`} />
              </ListItemButton>
            </ListItem>
          ))}
          {schema.data && types.length === 0 ? (
            <ListItem>
              <Typography variant="body2">No object types yet.</Typography>
            </ListItem>
          ) : null}
        </List>
      </Paper>
      <Box sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
        {del.isError ? <ErrorAlert error={del.error} what={`Deleting ${attribute?.name ?? 'the attribute'}`} /> : null}
        <Box sx={{ flex: '1 1 55%', minHeight: 200 }} component="section" aria-label="Attributes">
          {objectType ? (
            <DataTable
              label={`Attributes of ${objectType}`}
              rows={attrs}
              columns={COLUMNS}
              getRowId={(r) => r.name}
              loading={schema.isPending}
              onSelect={(a, all) => {
                setAttribute(a);
                setSelectedCount(all.length);
              }}
              actions={
                <>
                  <Button startIcon={<AddIcon />} onClick={() => setDialog('attribute')}>
                    Add Attribute
                  </Button>
                  {selectedCount > 1 ? (
                    <Typography variant="body2" role="status" color="text.secondary">
                      {selectedCount} attributes are selected: choose one to delete it.
                    </Typography>
                  ) : null}
                  <Button startIcon={<DeleteIcon />} color="error" disabled={!attribute || selectedCount > 1} onClick={() => { del.reset(); setDialog('delete'); }}>
                    Delete Attribute
                  </Button>
                </>
              }
            />
          ) : (
            <EmptyState title="No object type selected">Create an object type or choose one on the left.</EmptyState>
          )}
        </Box>
        <Paper variant="outlined" sx={{ flex: '1 1 45%', minHeight: 180, p: 1, display: 'flex', flexDirection: 'column' }} component="section" aria-label="Attribute flow precedence">
          <Typography variant="subtitle2" component="h2">
            Attribute flow precedence{attribute ? `: ${attribute.name}` : ''}
          </Typography>
          <Box sx={{ flex: 1, minHeight: 0 }}>
            {attribute ? <PrecedenceView key={`${objectType}/${attribute.name}`} attribute={attribute.name} objectType={objectType} /> : <Typography variant="body2" color="text.secondary">Select an attribute to see the inbound rules that contribute to it, in precedence order; double-click one to open it in the rules editor.</Typography>}
          </Box>
        </Paper>
      </Box>
      {dialog === 'type' && schema.data ? <CreateObjectTypeDialog schema={schema.data} onClose={() => setDialog(null)} onCreated={setObjectType} /> : null}
      {dialog === 'attribute' && schema.data && objectType ? <AddAttributeDialog schema={schema.data} objectType={objectType} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' && attribute ? (
        <Dialog open onClose={() => setDialog(null)} aria-labelledby="delete-attr-title">
          <DialogTitle id="delete-attr-title">Delete Attribute</DialogTitle>
          <DialogContent>
            <DialogContentText>Delete the metaverse attribute "{attribute.name}" and its values on every object? The engine refuses while a sync rule uses it.</DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDialog(null)}>Cancel</Button>
            <Button color="error" variant="contained" disabled={del.isPending} onClick={() => del.mutate({ name: attribute.name }, { onSettled: () => setDialog(null), onSuccess: () => setAttribute(null) })}>
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Box>
  );
}
