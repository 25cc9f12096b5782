// Metaverse Object Properties: attributes with the connector and rule that contributed them, and the joined connectors.
import { useMemo, useState } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Tab, Tabs, Typography } from '@mui/material';
import type { MvObjectDetail } from '../../../shared/model/metaverse.ts';
import { useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { formatTime } from '../components/values.ts';
import { cloudProvisioningHint, mvAttributeRows, type MvAttributeRow } from './mv-attribute-rows.ts';

const ATTR_COLUMNS: TableColumn<MvAttributeRow>[] = [
  { field: 'attribute', headerName: 'Attribute', width: 200 },
  { field: 'value', headerName: 'Value', flex: 1, minWidth: 200 },
  { field: 'connector', headerName: 'Contributing Connector', width: 190 },
  { field: 'rule', headerName: 'Sync Rule', width: 220 },
  { field: 'highlight', headerName: 'Note', width: 200 },
];

type Linked = MvObjectDetail['connectors'][number];
const CONNECTOR_COLUMNS: TableColumn<Linked>[] = [
  { field: 'connector', headerName: 'Connector', width: 170 },
  { field: 'dn', headerName: 'Distinguished Name', flex: 1, minWidth: 240 },
  { field: 'objectType', headerName: 'Object Type', width: 110 },
  { field: 'linkType', headerName: 'Link', width: 100 },
  { field: 'ruleName', headerName: 'Sync Rule', width: 190 },
  { field: 'linkedAt', headerName: 'Linked', width: 170, text: (r) => formatTime(r.linkedAt) },
];

/** The properties of one metaverse object. */
export function MvObjectDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const [tab, setTab] = useState<'attributes' | 'connectors'>('attributes');
  const nav = useObjectNavigation();
  const q = useApiQuery('mv.get', { id });
  const [selected, setSelected] = useState<Linked | null>(null);
  const rows = useMemo(() => (q.data ? mvAttributeRows(q.data) : []), [q.data]);
  const connectors = useApiQuery('connectors.list', {});
  const entra = useMemo(() => (connectors.data ?? []).filter((c) => c.type === 'entra').map((c) => c.name), [connectors.data]);
  const d = q.data;
  const hint = d ? cloudProvisioningHint(d, entra) : null;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="mv-object-title">
      <DialogTitle id="mv-object-title" sx={{ pb: 0 }}>
        Metaverse Object Properties
        <Typography variant="body2" color="text.secondary">
          {d ? `${d.objectType} ${d.id} · created ${formatTime(d.createdAt)} · updated ${formatTime(d.updatedAt)}` : id}
        </Typography>
      </DialogTitle>
      <Tabs value={tab} onChange={(_, v: 'attributes' | 'connectors') => setTab(v)} aria-label="Metaverse object properties" sx={{ px: 2 }}>
        <Tab value="attributes" label="Attributes" id="mv-tab-attributes" aria-controls="mv-panel" />
        <Tab value="connectors" label="Connectors" id="mv-tab-connectors" aria-controls="mv-panel" />
      </Tabs>
      <DialogContent dividers sx={{ height: '70vh' }}>
        {q.isError ? <ErrorAlert error={q.error} what="Loading the metaverse object" onRetry={() => void q.refetch()} /> : null}
        {d ? (
          <Box role="tabpanel" id="mv-panel" aria-labelledby={`mv-tab-${tab}`} sx={{ height: '100%' }}>
            {tab === 'attributes' ? (
              <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 1 }}>
                {hint ? (
                  <Alert severity="warning" role="note" aria-label="Provisioning hint">
                    {hint}
                  </Alert>
                ) : null}
                <Box sx={{ flex: 1, minHeight: 0 }}>
                  <DataTable label="Metaverse attributes" rows={rows} columns={ATTR_COLUMNS} getRowId={(r) => r.key} />
                </Box>
              </Box>
            ) : d.connectors.length === 0 ? (
              <Typography role="status">No connector space object is joined to this metaverse object.</Typography>
            ) : (
              <DataTable
                label="Metaverse connectors"
                rows={d.connectors}
                columns={CONNECTOR_COLUMNS}
                getRowId={(r) => `${r.connectorId}/${r.csId}`}
                onSelect={setSelected}
                onOpen={(r) => nav.open({ kind: 'cs', connector: r.connector, id: r.csId })}
                actions={
                  <Button disabled={!selected} onClick={() => selected && nav.open({ kind: 'cs', connector: selected.connector, id: selected.csId })}>
                    Properties
                  </Button>
                }
              />
            )}
          </Box>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
