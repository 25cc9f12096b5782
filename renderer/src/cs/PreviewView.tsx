// The result of a preview: source, scoping, join or projection, import flows, outbound flows, errors.
import { useState } from 'react';
import { Box, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import type { FlowOutcome, PreviewResult } from '../../../shared/model/preview.ts';
import { AttributeTable } from '../components/AttributeTable.tsx';
import { DataTable } from '../components/DataTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatValues } from '../components/values.ts';
import { stateText } from './change-rows.ts';

const FLOW_COLUMNS: TableColumn<FlowOutcome>[] = [
  { field: 'attribute', headerName: 'Attribute', width: 180 },
  { field: 'ruleName', headerName: 'Sync Rule', width: 220 },
  { field: 'flowType', headerName: 'Mapping Type', width: 110 },
  { field: 'oldValues', headerName: 'Old Value', flex: 1, minWidth: 130, text: (r) => formatValues(r.oldValues) },
  { field: 'newValues', headerName: 'New Value', flex: 1, minWidth: 130, text: (r) => formatValues(r.newValues) },
  { field: 'changed', headerName: 'Changed', width: 80, text: (r) => (r.changed ? 'yes' : '') },
];

type ScopeRow = PreviewResult['scoping'][number];
const SCOPE_COLUMNS: TableColumn<ScopeRow>[] = [
  { field: 'ruleName', headerName: 'Sync Rule', flex: 1 },
  { field: 'inScope', headerName: 'In scope', width: 100, text: (r) => (r.inScope ? 'yes' : 'no') },
];

/** Contents pages of a preview, left navigation and detail on the right. */
export function PreviewView({ result }: { result: PreviewResult }) {
  const pages = [
    'Source Object Details',
    'Connector Filter',
    'Join and Projection',
    'Import Attribute Flow',
    ...result.outbound.map((o) => `Export Attribute Flow: ${o.connector}`),
    'Errors',
  ];
  const [page, setPage] = useState(pages[0]);
  const outbound = result.outbound.find((o) => page === `Export Attribute Flow: ${o.connector}`);
  return (
    <Box sx={{ display: 'flex', gap: 1, minHeight: 300 }}>
      <List dense aria-label="Preview contents" sx={{ width: 230, flexShrink: 0, border: 1, borderColor: 'divider', borderRadius: 1, py: 0 }}>
        {pages.map((p) => (
          <ListItemButton key={p} selected={p === page} onClick={() => setPage(p)}>
            <ListItemText primary={p} />
          </ListItemButton>
        ))}
      </List>
      <Box sx={{ flex: 1, minWidth: 0 }} component="section" aria-label={page}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          {page} {result.committed ? '(committed)' : '(preview only)'}
        </Typography>
        {page === 'Source Object Details' ? <AttributeTable label="Source object attributes" attributes={result.sourceObject} height={280} /> : null}
        {page === 'Connector Filter' ? <DataTable label="Inbound rule scoping" rows={result.scoping} columns={SCOPE_COLUMNS} getRowId={(r) => r.ruleId} height={280} /> : null}
        {page === 'Join and Projection' ? (
          <Typography variant="body2">
            Action: {result.join.action}
            {result.join.ruleName ? ` by rule "${result.join.ruleName}"` : ''}
            {result.join.mvId ? ` · metaverse object ${result.join.mvId}` : ''}
            <br />
            State: {stateText(result.stateBefore)} → {stateText(result.stateAfter)}
            {result.join.detail ? <><br />{result.join.detail}</> : null}
          </Typography>
        ) : null}
        {page === 'Import Attribute Flow' ? <DataTable label="Import attribute flow" rows={result.importFlows} columns={FLOW_COLUMNS} getRowId={(r) => `${r.attribute}/${r.ruleId}`} height={280} /> : null}
        {outbound ? (
          <>
            <Typography variant="body2">
              Connector update: {outbound.action}
              {outbound.dn ? ` · ${outbound.dn}` : ''}
            </Typography>
            <DataTable label={`Export attribute flow to ${outbound.connector}`} rows={outbound.exportFlows} columns={FLOW_COLUMNS} getRowId={(r) => `${r.attribute}/${r.ruleId}`} height={260} />
          </>
        ) : null}
        {page === 'Errors' ? (
          <Typography variant="body2" color={result.error ? 'error' : 'text.secondary'}>
            {result.error ? `${result.error.code}: ${result.error.message}` : 'No errors.'}
          </Typography>
        ) : null}
      </Box>
    </Box>
  );
}
