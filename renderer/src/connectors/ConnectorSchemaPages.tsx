// Connector properties pages that read like the product's: partitions and containers in scope, object types,
// and the attributes of each type (from the directory's schema when it answers).
import { useMemo, useState } from 'react';
import { Alert, Box, FormControl, InputLabel, List, ListItem, ListItemText, MenuItem, Select, Typography } from '@mui/material';
import type { SchemaAttributeInfo } from '../../../shared/model/rules-editor.ts';
import { useApiQuery } from '../api/hooks.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import type { TableColumn } from '../components/table-columns.ts';

export const SCHEMA_PAGES = ['Partitions and Containers', 'Object Types', 'Attributes'] as const;
export type SchemaPage = (typeof SCHEMA_PAGES)[number];

const FROM: Record<SchemaAttributeInfo['from'], string> = { schema: 'directory schema', config: 'configuration', objects: 'imported objects', rules: 'sync rules' };

const ATTRIBUTE_COLUMNS: TableColumn<SchemaAttributeInfo & { selected: string }>[] = [
  { field: 'name', headerName: 'Attribute', flex: 1, minWidth: 200 },
  { field: 'type', headerName: 'Type', width: 110 },
  { field: 'multiValued', headerName: 'Multi-valued', width: 110, text: (r) => (r.multiValued ? 'Yes' : 'No') },
  { field: 'selected', headerName: 'Selected', width: 90 },
  { field: 'from', headerName: 'Known from', width: 150, text: (r) => FROM[r.from] },
];

function Names({ label, items, empty }: { label: string; items: readonly string[]; empty: string }) {
  return (
    <Box component="section" aria-label={label}>
      <Typography variant="subtitle2">{label}</Typography>
      {items.length ? (
        <List dense>{items.map((i) => <ListItem key={i}><ListItemText primary={i} /></ListItem>)}</List>
      ) : (
        <Typography variant="body2" color="text.secondary">{empty}</Typography>
      )}
    </Box>
  );
}

/** One of the schema pages of a connector. */
export function ConnectorSchemaPage({ connector, page }: { connector: string; page: SchemaPage }) {
  const q = useApiQuery('connectors.schema', { connector, discover: true }, { staleTime: 5 * 60_000 });
  const [type, setType] = useState('');
  const v = q.data;
  const chosen = v?.objectTypes.find((t) => t.name === type) ?? v?.objectTypes[0];
  const rows = useMemo(() => {
    const selected = new Set((v?.selectedAttributes ?? []).map((a) => a.toLowerCase()));
    return (chosen?.attributes ?? []).map((a) => ({ ...a, selected: selected.size === 0 || selected.has(a.name.toLowerCase()) ? 'Yes' : 'No' }));
  }, [chosen, v]);
  if (q.isError) return <ErrorAlert error={q.error} what={`Reading the schema of ${connector}`} onRetry={() => void q.refetch()} />;
  if (!v) return <Typography role="status">Reading the schema of {connector}…</Typography>;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {v.note ? <Alert severity="info">{v.note}</Alert> : null}
      {page === 'Partitions and Containers' ? (
        <>
          <Names label="Partitions" items={v.partitions.map((p) => (p.name === p.id ? p.id : `${p.name} (${p.id})`))} empty="No partitions known." />
          <Names label="Included containers" items={v.includeContainers} empty="Every container of the selected partitions." />
          <Names label="Excluded containers" items={v.excludeContainers} empty="None." />
          {v.anchor ? <Typography variant="body2">Anchor attribute: <strong>{v.anchor}</strong></Typography> : null}
        </>
      ) : null}
      {page === 'Object Types' ? (
        <List dense aria-label="Object types">
          {v.objectTypes.map((t) => <ListItem key={t.name}><ListItemText primary={t.name} secondary={`${t.attributes.length} attributes`} /></ListItem>)}
          {v.objectTypes.length === 0 ? <Typography variant="body2" color="text.secondary">No object types known yet: import once or check the connection.</Typography> : null}
        </List>
      ) : null}
      {page === 'Attributes' ? (
        <>
          <FormControl size="small" sx={{ maxWidth: 260 }}>
            <InputLabel id="props-attr-type">Object type</InputLabel>
            <Select labelId="props-attr-type" label="Object type" value={chosen?.name ?? ''} onChange={(e) => setType(e.target.value)}>
              {v.objectTypes.map((t) => <MenuItem key={t.name} value={t.name}>{t.name}</MenuItem>)}
            </Select>
          </FormControl>
          <DataTable label={`Attributes of ${chosen?.name ?? 'the object type'}`} rows={rows} columns={ATTRIBUTE_COLUMNS} getRowId={(r) => r.name} height={320} />
        </>
      ) : null}
    </Box>
  );
}
