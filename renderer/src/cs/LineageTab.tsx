// Lineage tab: how the object ties to the metaverse, which sync rules applied, and what each contributed.
import { useMemo } from 'react';
import { Box, Button, Typography } from '@mui/material';
import type { CsObjectDetail } from '../../../shared/model/connector-space.ts';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { formatTime } from '../components/values.ts';
import { stateText } from './change-rows.ts';
import { contributionsOf, type ContributionRow } from './contributions.ts';
import { useApiQuery } from '../api/hooks.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';

type Rule = CsObjectDetail['lineage'][number];

const COLUMNS: TableColumn<Rule>[] = [
  { field: 'ruleName', headerName: 'Synchronization Rule', flex: 1, minWidth: 240 },
  { field: 'direction', headerName: 'Direction', width: 100 },
  { field: 'action', headerName: 'Action', width: 100 },
  { field: 'passwordSync', headerName: 'PasswordSync', width: 120, text: (r) => (r.passwordSync ? 'True' : 'False') },
  { field: 'inScope', headerName: 'In scope', width: 90, text: (r) => (r.inScope ? 'yes' : 'no') },
];

const CONTRIBUTION_COLUMNS: TableColumn<ContributionRow>[] = [
  { field: 'attribute', headerName: 'Metaverse Attribute', width: 200 },
  { field: 'values', headerName: 'Value', flex: 1, minWidth: 180 },
  { field: 'ruleName', headerName: 'Contributed by Rule', width: 220 },
  { field: 'sharedWith', headerName: 'Also contributed by', width: 170 },
];

/** What this object supplied to its metaverse object; nothing for a disconnector. */
function Contributions({ detail }: { detail: CsObjectDetail }) {
  const mv = useApiQuery('mv.get', { id: detail.mvId ?? '' }, { enabled: detail.mvId !== null });
  const rows = useMemo(() => (mv.data ? contributionsOf(mv.data, detail.id, detail.connector) : []), [mv.data, detail.id, detail.connector]);
  if (!detail.mvId) return null;
  if (mv.isError) return <ErrorAlert error={mv.error} what="Loading the attribute contributions" />;
  return <DataTable label="Attribute contributions" rows={rows} columns={CONTRIBUTION_COLUMNS} getRowId={(r) => r.attribute} loading={mv.isPending} height={240} />;
}

/** Connector state, link, the rules that applied, and which attributes each supplied. */
export function LineageTab({ detail }: { detail: CsObjectDetail }) {
  const nav = useObjectNavigation();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="body2">
        State: {stateText(detail.state, detail.transient)} · Last import: {formatTime(detail.lastImportAt) || 'never'}
        {detail.link ? ` · Linked ${formatTime(detail.link.linkedAt)} (${detail.link.linkType}${detail.link.ownedByProvision ? ', provisioned' : ''})` : ''}
      </Typography>
      <DataTable label="Applied sync rules" rows={detail.lineage} columns={COLUMNS} getRowId={(r) => r.ruleId} height={200} />
      <Contributions detail={detail} />
      <Box>
        <Button disabled={!detail.mvId} onClick={() => detail.mvId && nav.open({ kind: 'mv', id: detail.mvId })}>
          Metaverse Object Properties
        </Button>
      </Box>
    </Box>
  );
}
