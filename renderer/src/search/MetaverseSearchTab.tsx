// Metaverse Search: object type scope, ANDed clauses, chosen columns, results and object properties.
import { useMemo, useState } from 'react';
import { Alert, Box, Button, FormControl, InputLabel, MenuItem, Paper, Select } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import type { MvClause, MvObjectRow } from '../../../shared/model/metaverse.ts';
import { getApi } from '../api/client.ts';
import { useApiQuery } from '../api/hooks.ts';
import { ColumnChooser } from '../components/ColumnChooser.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PagedTable } from '../components/PagedTable.tsx';
import type { TableColumn } from '../components/table-columns.ts';
import { formatValues } from '../components/values.ts';
import { useObjectNavigation } from '../components/object-navigation.ts';
import { ObjectDialogs } from '../cs/ObjectDialogs.tsx';
import { ClauseBuilder, newClause } from './ClauseBuilder.tsx';
import { attributesInScope, buildClauses, defaultResultColumns, type ClauseDraft } from './clauses.ts';

const ANY = '__any__';

interface Submitted {
  objectType?: string;
  clauses: MvClause[];
}

/** The metaverse search view. */
export function MetaverseSearchTab() {
  return (
    <ObjectDialogs>
      <MetaverseSearch />
    </ObjectDialogs>
  );
}

function MetaverseSearch() {
  const nav = useObjectNavigation();
  const schema = useApiQuery('schema.get', {});
  const [objectType, setObjectType] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<ClauseDraft[]>(() => [newClause()]);
  const [problems, setProblems] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [columnsShown, setColumnsShown] = useState<string[]>(['displayName']);
  const [selected, setSelected] = useState<MvObjectRow | null>(null);
  const attributes = useMemo(() => (schema.data ? attributesInScope(schema.data, objectType) : []), [schema.data, objectType]);
  const search = () => {
    const built = buildClauses(drafts, schema.data);
    if (!built.ok) return setProblems(built.problems);
    setProblems([]);
    setColumnsShown((shown) => [...new Set([...shown, ...defaultResultColumns(built.clauses)])]);
    setSubmitted({ objectType: objectType ?? undefined, clauses: built.clauses });
  };
  const columns = useMemo<TableColumn<MvObjectRow>[]>(
    () => [
      ...columnsShown.map((name) => ({
        field: `attr:${name}`,
        headerName: name,
        flex: 1,
        minWidth: 150,
        // Results can look empty when an attribute is unset; fall back to the object id as the original does.
        text: (r: MvObjectRow) => (name === 'displayName' ? (r.displayName ?? formatValues(r.attributes.displayName) ?? '') || `(${r.id})` : formatValues(r.attributes[name])),
      })),
      { field: 'objectType', headerName: 'Object Type', width: 110 },
      { field: 'id', headerName: 'Object ID', width: 280 },
    ],
    [columnsShown],
  );
  const choices = useMemo(() => ['displayName', ...attributes.map((a) => a.name).filter((n) => n !== 'displayName')].map((n) => ({ field: n, label: n })), [attributes]);
  const open = (r: MvObjectRow) => nav.open({ kind: 'mv', id: r.id });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', p: 1, gap: 1, minHeight: 0 }}>
      {schema.isError ? <ErrorAlert error={schema.error} what="Loading the metaverse schema" onRetry={() => void schema.refetch()} /> : null}
      <Paper variant="outlined" component="form" role="search" aria-label="Metaverse search" sx={{ p: 1, display: 'flex', flexDirection: 'column', gap: 1, maxHeight: '45%', overflow: 'auto' }} onSubmit={(e) => { e.preventDefault(); search(); }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <FormControl size="small" sx={{ minWidth: 220 }}>
            <InputLabel id="mv-scope-label">Scope by Object Type</InputLabel>
            <Select labelId="mv-scope-label" label="Scope by Object Type" value={objectType ?? ANY} onChange={(e) => setObjectType(e.target.value === ANY ? null : e.target.value)}>
              <MenuItem value={ANY}>Any object type</MenuItem>
              {(schema.data?.objectTypes ?? []).map((t) => (
                <MenuItem key={t.name} value={t.name}>
                  {t.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <Box sx={{ flex: 1 }} />
          <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
            Search
          </Button>
        </Box>
        <ClauseBuilder attributes={attributes} clauses={drafts} onChange={setDrafts} />
        {problems.length ? (
          <Alert severity="warning" role="alert">
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        ) : null}
      </Paper>
      <Box sx={{ flex: 1, minHeight: 200 }}>
        {submitted ? (
          <PagedTable<MvObjectRow>
            label="Search results"
            what="Searching the metaverse"
            queryKey={['mv.search', submitted]}
            fetchPage={(cursor, limit) => getApi().call('mv.search', { ...submitted, cursor, limit })}
            columns={columns}
            getRowId={(r) => r.id}
            onSelect={setSelected}
            onOpen={open}
            actions={
              <>
                <ColumnChooser choices={choices} visible={columnsShown} onChange={setColumnsShown} />
                <Button disabled={!selected} onClick={() => selected && open(selected)}>
                  Properties
                </Button>
              </>
            }
          />
        ) : (
          <Alert severity="info">Build a query and press Search. All clauses must match (AND); indexed attributes search fastest.</Alert>
        )}
      </Box>
    </Box>
  );
}
