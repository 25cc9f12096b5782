// Properties: a read-only view of a connector: its configuration (secrets masked), partitions and containers,
// object types and attributes, run profiles and thresholds.
import { useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import type { ConnectorDetail } from '../../../shared/model/connectors.ts';
import { useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatTime } from '../components/values.ts';
import { configRows, type ConfigRow } from './connector-export.ts';
import { ConnectorSchemaPage, SCHEMA_PAGES, type SchemaPage } from './ConnectorSchemaPages.tsx';

const PAGES = ['Properties', 'Connectivity', ...SCHEMA_PAGES, 'Run Profiles', 'Thresholds'] as const;
type Page = (typeof PAGES)[number];

const CONFIG_COLUMNS: TableColumn<ConfigRow>[] = [
  { field: 'path', headerName: 'Setting', width: 260 },
  { field: 'value', headerName: 'Value', flex: 1, minWidth: 200 },
];

interface StepRow { id: string; profile: string; step: number; type: string; partition: string }
const STEP_COLUMNS: TableColumn<StepRow>[] = [
  { field: 'profile', headerName: 'Run Profile', width: 220 },
  { field: 'step', headerName: 'Step', width: 70 },
  { field: 'type', headerName: 'Step type', width: 170 },
  { field: 'partition', headerName: 'Partition', flex: 1 },
];

function PageBody({ page, d }: { page: Page; d: ConnectorDetail }) {
  if (page === 'Properties')
    return (
      <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
        {[['Name', d.name], ['Type', d.type], ['Description', d.description || '—'], ['Identifier', d.id], ['Created', formatTime(d.createdAt)], ['State', d.state], ['Objects', String(d.objectCount)]].map(([k, v]) => (
          <Box key={k} sx={{ display: 'contents' }}>
            <Typography variant="body2" color="text.secondary">{k}</Typography>
            <Typography variant="body2">{v}</Typography>
          </Box>
        ))}
      </Box>
    );
  if ((SCHEMA_PAGES as readonly string[]).includes(page)) return <ConnectorSchemaPage connector={d.name} page={page as SchemaPage} />;
  if (page === 'Connectivity') return <DataTable label="Connector configuration" rows={configRows(d.config, d.secretFields)} columns={CONFIG_COLUMNS} getRowId={(r) => r.path} height={360} />;
  if (page === 'Run Profiles') {
    const rows = d.runProfiles.flatMap((p) => p.steps.map((s, i) => ({ id: `${p.name}/${i}`, profile: p.name, step: i + 1, type: s.type, partition: s.partition ?? '' })));
    return <DataTable label="Run profile steps" rows={rows} columns={STEP_COLUMNS} getRowId={(r) => r.id} height={360} />;
  }
  return <Typography variant="body2">Deletion threshold for exports: {d.deleteThreshold === null ? 'disabled' : `${d.deleteThreshold} deletions`}</Typography>;
}

/** Multi-page read-only connector properties. */
export function ConnectorPropertiesDialog({ connector, onClose }: { connector: string; onClose: () => void }) {
  const [page, setPage] = useState<Page>('Properties');
  const q = useApiQuery('connectors.get', { connector });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="connector-props-title">
      <DialogTitle id="connector-props-title">Properties: {connector}</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', gap: 2, minHeight: 420 }}>
        <List dense aria-label="Property pages" sx={{ width: 200, flexShrink: 0 }}>
          {PAGES.map((p) => (
            <ListItemButton key={p} selected={p === page} onClick={() => setPage(p)}>
              <ListItemText primary={p} />
            </ListItemButton>
          ))}
        </List>
        <Box sx={{ flex: 1, minWidth: 0 }} component="section" aria-label={page}>
          {q.isError ? <ErrorAlert error={q.error} what="Loading the connector" onRetry={() => void q.refetch()} /> : null}
          {q.data ? <PageBody page={page} d={q.data} /> : null}
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            Read-only. Change connectors through the configuration wizard, `idsync connector create|update|delete` or a configuration file.
          </Typography>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
