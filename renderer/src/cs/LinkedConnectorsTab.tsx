// Connectors tab: the CS objects in other connector spaces joined to the same metaverse object.
import { Box, Button, Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';

type Linked = CsObjectDetail['connectors'][number];

const COLUMNS: TableColumn<Linked>[] = [
  { field: 'connector', headerName: 'Connector', width: 180 },
  { field: 'dn', headerName: 'Distinguished Name', flex: 1, minWidth: 240 },
  { field: 'objectType', headerName: 'Object Type', width: 120 },
];

/** The joined objects, each opening its own properties. */
export function LinkedConnectorsTab({ detail }: { detail: CsObjectDetail }) {
  const nav = useObjectNavigation();
  if (!detail.mvId) return <Typography role="status">This object is not joined to a metaverse object, so it has no other connectors.</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box>
        <Button onClick={() => nav.open({ kind: 'mv', id: detail.mvId! })}>Metaverse Object Properties</Button>
      </Box>
      <DataTable
        label="Joined connector space objects"
        rows={detail.connectors}
        columns={COLUMNS}
        getRowId={(r) => `${r.connector}/${r.csId}`}
        onOpen={(r) => nav.open({ kind: 'cs', connector: r.connector, id: r.csId })}
        height={300}
      />
      <Typography variant="caption" color="text.secondary">Double-click a row (or select it and press Enter) to open its properties.</Typography>
    </Box>
  );
}
