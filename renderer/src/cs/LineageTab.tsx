// Lineage tab: how the object ties to the metaverse and which sync rules applied to it.
import { Box, Button, Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { formatTime } from '../components/values.ts';
import { stateText } from './change-rows.ts';

type Rule = CsObjectDetail['lineage'][number];

const COLUMNS: TableColumn<Rule>[] = [
  { field: 'ruleName', headerName: 'Synchronization Rule', flex: 1, minWidth: 240 },
  { field: 'direction', headerName: 'Direction', width: 100 },
  { field: 'action', headerName: 'Action', width: 100 },
  { field: 'passwordSync', headerName: 'PasswordSync', width: 120, text: (r) => (r.passwordSync ? 'True' : 'False') },
  { field: 'inScope', headerName: 'In scope', width: 90, text: (r) => (r.inScope ? 'yes' : 'no') },
];

/** Connector state, link and the rules that contributed. */
export function LineageTab({ detail }: { detail: CsObjectDetail }) {
  const nav = useObjectNavigation();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2">
        State: {stateText(detail.state, detail.transient)} · Last import: {formatTime(detail.lastImportAt) || 'never'}
        {detail.link ? ` · Linked ${formatTime(detail.link.linkedAt)} (${detail.link.linkType}${detail.link.ownedByProvision ? ', provisioned' : ''})` : ''}
      </Typography>
      <DataTable label="Applied sync rules" rows={detail.lineage} columns={COLUMNS} getRowId={(r) => r.ruleId} height={280} />
      <Box>
        <Button disabled={!detail.mvId} onClick={() => detail.mvId && nav.open({ kind: 'mv', id: detail.mvId })}>
          Metaverse Object Properties
        </Button>
      </Box>
    </Box>
  );
}
